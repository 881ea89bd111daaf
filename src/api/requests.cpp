#include "api/requests.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace crm::api {

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string_view part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) parts.emplace_back(part);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return parts;
}

bool is_iso8601(std::string_view text) {
    // A date, or a date-time with optional seconds, fraction and zone.
    static const std::regex pattern(
        R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?)");
    return std::regex_match(text.begin(), text.end(), pattern);
}

std::string check_filter(const Filter& filter, const std::vector<std::string>& values) {
    std::vector<std::string> parts;
    for (const auto& value : values) {
        auto split = split_list(value);
        parts.insert(parts.end(), split.begin(), split.end());
    }
    // An unset shell variable must not widen a filter to everything (CLI.md §7).
    if (parts.empty()) throw UsageError(fmt::format("--{} is empty; nothing sent", filter.flag));
    if (filter.kind == FilterKind::list) return fmt::format("{}", fmt::join(parts, ","));
    if (values.size() > 1) throw UsageError(fmt::format("--{} takes one value", filter.flag));
    const std::string& value = values.front();
    switch (filter.kind) {
        case FilterKind::boolean:
            if (value != "true" && value != "false")
                throw UsageError(fmt::format("--{} must be true or false, got '{}'", filter.flag, value));
            break;
        case FilterKind::date:
            if (!is_iso8601(value))
                throw UsageError(fmt::format("--{} must be an ISO 8601 date such as 2024-01-31 or "
                                             "2024-01-31T12:00:00Z, got '{}'", filter.flag, value));
            break;
        case FilterKind::number:
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw UsageError(fmt::format("--{} must be a non-negative integer, got '{}'", filter.flag, value));
            break;
        case FilterKind::text:
        case FilterKind::list:
            break;
    }
    return value;
}

http::Request list_request(const Resource& resource, const ListParams& params, int page,
                           std::optional<int> size) {
    http::Request request{.method = "GET", .path = resource.path};
    auto& q = request.query;
    q.emplace_back("page", std::to_string(page));
    if (size) q.emplace_back("size", std::to_string(*size));
    if (!params.sort.empty()) {
        std::string sort = params.sort;
        std::transform(sort.begin(), sort.end(), sort.begin(), [](unsigned char c) { return std::tolower(c); });
        if (sort != "asc" && sort != "desc") throw UsageError(fmt::format("--sort must be asc or desc, got '{}'", params.sort));
        q.emplace_back("sort", sort);
    }
    if (!params.order_by.empty()) q.emplace_back("orderBy", params.order_by);
    for (const auto& [flag, values] : params.named) {
        auto it = std::find_if(resource.filters.begin(), resource.filters.end(),
                               [&](const Filter& f) { return f.flag == flag; });
        if (it == resource.filters.end() || values.empty()) continue;
        q.emplace_back(it->param, check_filter(*it, values));
    }
    for (const auto& raw : params.raw) {
        size_t eq = raw.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--filter expects KEY=VALUE, got '{}'", raw));
        if (eq + 1 == raw.size()) throw UsageError(fmt::format("--filter {} has an empty value; nothing sent", raw));
        q.emplace_back(raw.substr(0, eq), raw.substr(eq + 1));
    }
    return request;
}

}  // namespace crm::api
