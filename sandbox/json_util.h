// Small RapidJSON helpers shared by the store and the routes.
#pragma once
#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>

namespace sandbox {

using Value = rapidjson::Value;
using Document = rapidjson::Document;
using Alloc = rapidjson::Document::AllocatorType;

// The deepest nesting of objects and arrays a request body may have (System.Text.Json's
// default maximum depth).
inline constexpr int kMaxDepth = 64;

// Parses a request body; accepts // comments and trailing commas (the reference's examples
// have both). Throws ApiError 400 on malformed JSON, invalid UTF-8, nesting deeper than
// kMaxDepth, or when the body is not an object.
Document parse_body(const std::string& body);

// Parses JSON we wrote ourselves (stored records); throws std::runtime_error when broken.
Document parse_stored(const std::string& text);

std::string to_json(const Value& v);

// The string member `name` of an object, if it is present and a string.
std::optional<std::string> get_string(const Value& obj, const char* name);
// obj[name] when present (any type), else nullptr.
const Value* member(const Value& obj, const char* name);

void set_member(Value& obj, const char* name, Value v, Alloc& a);
void set_string(Value& obj, const char* name, std::string_view s, Alloc& a);
void set_bool(Value& obj, const char* name, bool b, Alloc& a);
void remove_member(Value& obj, const char* name);

std::string ascii_lower(std::string_view s);

// JSON string escaping for hand-built error bodies.
std::string json_quote(std::string_view s);

}  // namespace sandbox
