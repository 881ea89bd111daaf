#include "bulk/import_rows.h"

#include "api/body.h"
#include "bulk/csv_reader.h"
#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace crm::bulk {

namespace {

constexpr size_t kShownBadRows = 10;

struct BadRow {
    size_t number;
    std::string why;
};

// The cells of a CSV record set at their header's dotted paths, typed by the schema.
json::Document csv_body(const std::vector<std::string>& header, const CsvRecord& record, const api::Resource& resource,
                        const std::set<std::string, std::less<>>& string_fields) {
    if (record.cells.size() != header.size())
        throw UsageError(fmt::format("{} cells, the header has {}", record.cells.size(), header.size()));
    json::Document body(rapidjson::kObjectType);
    for (size_t i = 0; i < header.size(); ++i) {
        const auto& cell = record.cells[i];
        if (cell.empty()) continue;
        auto type = string_fields.contains(header[i]) ? std::optional(api::FieldType::text) : api::field_type(resource, header[i]);
        try {
            api::set_path(body, header[i], api::cell_value(type, cell, body.GetAllocator()));
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("{}: {}", header[i], e.what()));
        }
    }
    return body;
}

std::vector<std::string> csv_header(const CsvRecord& record) {
    std::set<std::string> seen;
    for (const auto& name : record.cells) {
        if (name.empty()) throw UsageError("the CSV header has an empty column name; nothing sent");
        if (!seen.insert(name).second) throw UsageError(fmt::format("the CSV header names {} twice; nothing sent", name));
    }
    return record.cells;
}

// The id, the body without it, and whether the row is an update; throws UsageError when bad.
void finish(Row& row, const api::Resource& resource, const RowOptions& options) {
    if (!row.body.IsObject()) throw UsageError("not a JSON object");
    if (auto it = row.body.FindMember("id"); it != row.body.MemberEnd()) {
        row.id = json::scalar_text(it->value);
        row.body.EraseMember(it);  // keeps the order of the others (RemoveMember would not)
    }
    row.update = options.update_by_id && !row.id.empty();
    if (row.update) {
        api::id_segment(row.id);
        if (row.body.MemberCount() == 0) throw UsageError("nothing to update besides the id");
        return;
    }
    const auto* required = json::find(row.body, resource.required);
    if (!required || !required->IsString() || required->GetStringLength() == 0)
        throw UsageError(fmt::format("{} is required (a non-empty string) to create a {}", resource.required, resource.singular));
}

std::string describe(const std::vector<BadRow>& bad, size_t total) {
    std::string text = fmt::format("{} of {} rows are invalid; nothing sent:", bad.size(), total);
    for (size_t i = 0; i < std::min(bad.size(), kShownBadRows); ++i) text += fmt::format(" row {}: {};", bad[i].number, bad[i].why);
    if (bad.size() > kShownBadRows) text += fmt::format(" … and {} more", bad.size() - kShownBadRows);
    else text.pop_back();
    return text;
}

// The records of the input as raw text and, for JSON, parsed; CSV is typed later.
struct Raw {
    std::string source;
    std::optional<json::Document> doc;
    std::string error;  // NDJSON: the line is not JSON
};

std::vector<Raw> json_records(std::string_view text, InputFormat format) {
    std::vector<Raw> records;
    if (format == InputFormat::json) {
        json::Document all;
        try {
            all = json::parse(text);
        } catch (const json::ParseError& e) {
            throw UsageError(fmt::format("the input is not a JSON array: {}; nothing sent", e.what()));
        }
        if (!all.IsArray()) throw UsageError("the input is JSON but not an array of records; nothing sent");
        for (auto& element : all.GetArray()) {
            Raw& raw = records.emplace_back();
            raw.doc.emplace().CopyFrom(element, raw.doc->GetAllocator());
            raw.source = json::write(element);
        }
        return records;
    }
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        Raw& raw = records.emplace_back();
        raw.source = std::string(line);
        try {
            raw.doc = json::parse(line);
        } catch (const json::ParseError& e) {
            raw.error = fmt::format("invalid JSON: {}", e.what());
        }
    }
    return records;
}

}  // namespace

InputFormat input_format(const std::optional<std::string>& flag, std::string_view path, std::string_view text) {
    if (flag) {
        if (*flag == "csv") return InputFormat::csv;
        if (*flag == "ndjson") return InputFormat::ndjson;
        if (*flag == "json") return InputFormat::json;
        throw UsageError(fmt::format("--format must be csv, ndjson or json, got '{}'", *flag));
    }
    if (path.ends_with(".csv")) return InputFormat::csv;
    if (path.ends_with(".ndjson") || path.ends_with(".jsonl")) return InputFormat::ndjson;
    if (path.ends_with(".json")) return InputFormat::json;
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return InputFormat::csv;
    return text[first] == '[' ? InputFormat::json : text[first] == '{' ? InputFormat::ndjson : InputFormat::csv;
}

Input read_rows(std::string_view text, InputFormat format, const api::Resource& resource, const RowOptions& options) {
    Input input{.format = format};
    std::vector<BadRow> bad;
    auto add = [&](size_t number, std::string source, auto&& make_body) {
        Row row{.number = number, .source = std::move(source)};
        try {
            row.body = make_body();
            finish(row, resource, options);
            input.rows.push_back(std::move(row));
        } catch (const UsageError& e) {
            bad.push_back({number, e.what()});
        }
    };
    if (format == InputFormat::csv) {
        auto records = read_csv(text);
        if (records.empty()) return input;
        auto header = csv_header(records.front());
        input.header = std::string(records.front().source);
        std::set<std::string, std::less<>> strings(options.string_fields.begin(), options.string_fields.end());
        for (size_t i = 1; i < records.size(); ++i)
            add(i, std::string(records[i].source), [&] { return csv_body(header, records[i], resource, strings); });
    } else {
        auto records = json_records(text, format);
        for (size_t i = 0; i < records.size(); ++i) {
            add(i + 1, std::move(records[i].source), [&] {
                if (!records[i].doc) throw UsageError(records[i].error);
                return std::move(*records[i].doc);
            });
        }
    }
    if (!bad.empty()) throw UsageError(describe(bad, input.rows.size() + bad.size()));
    return input;
}

std::string write_rows(const Input& input, const std::vector<const Row*>& rows) {
    bool json = input.format == InputFormat::json;
    std::string text = json ? "[" : "";
    if (input.format == InputFormat::csv && !input.header.empty()) text.append(input.header).push_back('\n');
    for (const auto* row : rows) {
        if (json && row != rows.front()) text += ",\n";
        text += row->source;
        if (!json) text.push_back('\n');
    }
    if (json) text += "]\n";
    return text;
}

}  // namespace crm::bulk
