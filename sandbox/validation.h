// Request validation: bodies (required fields, field types) and list query parameters.
#pragma once
#include "api.h"
#include "json_util.h"
#include "store.h"

#include <string>
#include <vector>

namespace sandbox {

// The field must be present and a non-empty string: "title is required" / "title must be a string".
void require_string(const Value& body, const char* field);
// Checks the types of the well-known fields that are present (null is allowed for optional
// ones); unknown fields are accepted as they are.
void check_field_types(const Value& body);

// One list filter: query parameter → store condition.
struct FilterSpec {
    const char* param;
    Condition::Kind kind;
    Field field;
};

// page, size, offset, sort, orderBy and the entity's filters → a store query.
// 1 ≤ page ≤ kMaxPage, 1 ≤ size ≤ 1000 (default 10), offset ≥ 0, sort asc|desc (any case);
// 400 otherwise. max_page_size > 0 caps the size served: page p of served size s holds the
// records (p-1)*s .. p*s-1, so a client that keeps asking the same size walks every record.
struct PageRequest {
    ListQuery query;
    int64_t page = 1;
    int64_t size = 10;  // the size served: min(size asked, max_page_size)
};
// The largest page number accepted: a 32-bit int, like most real services' binding; with sizes
// up to 1000 the offset (page-1)*size cannot overflow.
inline constexpr int64_t kMaxPage = 2147483647;
PageRequest parse_list_query(const ApiRequest& req, const std::vector<FilterSpec>& filters,
                             bool allow_offset, int64_t max_page_size = 0);

std::vector<std::string> split_csv(const std::string& s);

}  // namespace sandbox
