#include "bulk/filter.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace crm::bulk {

namespace {

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n,") == std::string_view::npos; }

std::vector<std::string> known_keys(const api::Resource& resource) {
    std::vector<std::string> keys;
    for (const auto& filter : resource.filters) keys.push_back(filter.param);
    keys.insert(keys.end(), {"sort", "orderBy"});
    return keys;
}

void check_raw(const api::Resource& resource, std::string_view raw, bool allow_unknown) {
    auto eq = raw.find('=');
    if (eq == std::string_view::npos || eq == 0) throw UsageError(fmt::format("--filter expects KEY=VALUE, got '{}'", raw));
    auto key = raw.substr(0, eq);
    if (blank(raw.substr(eq + 1))) {
        throw UsageError(fmt::format("--filter {} has an empty value (an unset variable?): it would match every {}; "
                                     "nothing sent", raw, resource.singular));
    }
    if (key == "page" || key == "size")
        throw UsageError(fmt::format("--filter {}: a delete by filter lists every page itself; nothing sent", key));
    auto keys = known_keys(resource);
    if (allow_unknown || std::ranges::find(keys, key) != keys.end()) return;
    throw UsageError(fmt::format("--filter {}: {} is not a filter of {} (known: {}); the server would ignore it and "
                                 "match every {}. Use --allow-unknown-filter if you mean it; nothing sent",
                                 raw, key, resource.name, fmt::join(keys, ", "), resource.singular));
}

}  // namespace

void check_delete_filter(const api::Resource& resource, const api::ListParams& filter, bool allow_unknown) {
    for (const auto& [flag, values] : filter.named) {
        if (std::ranges::any_of(values, blank)) {
            throw UsageError(fmt::format("--{} has an empty value (an unset variable?): it would match every {}; "
                                         "nothing sent", flag, resource.singular));
        }
    }
    for (const auto& raw : filter.raw) check_raw(resource, raw, allow_unknown);
}

}  // namespace crm::bulk
