// Request builders: pure functions from a resource row and parsed options to an
// http::Request. No I/O, so they are unit-tested directly.
#pragma once
#include "api/resources.h"
#include "http/request.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::api {

struct ListParams {
    int page = 1;
    std::optional<int> size;
    std::string sort;      // asc|desc, any case
    std::string order_by;
    // Named filters: flag name → values (repeated flags and comma lists are joined).
    std::vector<std::pair<std::string, std::vector<std::string>>> named;
    std::vector<std::string> raw;  // --filter KEY=VALUE, sent verbatim
};

inline constexpr int kMaxPageSize = 1000;

// Validates and builds GET {path}?page=&size=&sort=&orderBy=&<filters>. Throws
// crm::UsageError for a malformed value (bad boolean, date, number, KEY=VALUE).
http::Request list_request(const Resource& resource, const ListParams& params, int page,
                           std::optional<int> size);

// One filter value checked against its kind; returns the value to send.
std::string check_filter(const Filter& filter, const std::vector<std::string>& values);

bool is_iso8601(std::string_view text);

// Splits "a,b , c" into trimmed non-empty parts.
std::vector<std::string> split_list(std::string_view text);

}  // namespace crm::api
