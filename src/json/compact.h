// Reading values out of compact JSON text exactly as json::write prints it (the records of
// json/items.h), without a DOM: such text has no whitespace and only the writer's escapes, and
// the text of any value inside it is what json::write prints for that value.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crm::json::compact {

// A member of an object: its name as written (quotes off, escapes kept) and its value's text.
struct Member {
    std::string_view name;
    std::string_view value;
};

// The members of `object` (text starting with '{') in order, into `out` (cleared first).
void members(std::string_view object, std::vector<Member>& out);

// The first member of `object` named `key` (compared decoded), as FindMember finds it; an empty
// view when there is none or `object` is not an object.
std::string_view member(std::string_view object, std::string_view key);

// json::find on text: the value at a dotted path ("a.b.c"; "" is `value` itself), or an empty
// view when it is missing.
std::string_view find(std::string_view value, std::string_view dotted_path);

// A written name or string body decoded (the writer's escapes undone).
std::string decoded(std::string_view written);

// True when the written name decodes to `key`.
bool name_is(std::string_view written, std::string_view key);

// json::scalar_text of the value: a string's content, "" for null, other values as written.
void append_scalar_text(std::string_view value, std::string& out);

}  // namespace crm::json::compact
