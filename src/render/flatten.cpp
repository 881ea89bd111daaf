// Flattening and column lookup, shared by csv, tsv and the table.
#include "render/internal.h"

namespace crm::render {

namespace {

void flatten_into(const json::Value& object, const std::string& prefix,
                  std::vector<std::pair<std::string, const json::Value*>>& out) {
    for (const auto& member : object.GetObject()) {
        std::string key = prefix + std::string(member.name.GetString(), member.name.GetStringLength());
        // An empty object stays a column of its own ("{}") rather than vanishing.
        if (member.value.IsObject() && member.value.MemberCount() > 0) {
            flatten_into(member.value, key + ".", out);
        } else {
            out.emplace_back(std::move(key), &member.value);
        }
    }
}

}  // namespace

std::vector<std::pair<std::string, const json::Value*>> flatten(const json::Value& record) {
    std::vector<std::pair<std::string, const json::Value*>> result;
    if (record.IsObject()) flatten_into(record, "", result);
    return result;
}

namespace detail {

std::string cell_text(const json::Value& record, const std::string& column) {
    const json::Value* value = json::find(record, column);
    return value ? json::scalar_text(*value) : std::string{};
}

std::vector<std::string> columns_for(const Options& options, const json::Value& first) {
    if (!options.fields.empty()) return options.fields;
    std::vector<std::string> columns;
    for (auto& entry : flatten(first)) columns.push_back(std::move(entry.first));
    return columns;
}

}  // namespace detail

}  // namespace crm::render
