// JSON helpers shared by the whole client: parsing with a location on error, writing,
// dotted paths. RapidJSON underneath.
#pragma once
#include <rapidjson/document.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace crm::json {

using Document = rapidjson::Document;
using Value = rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

class ParseError : public std::runtime_error {
public:
    ParseError(const std::string& message, size_t line, size_t column)
        : std::runtime_error(message), line_(line), column_(column) {}
    size_t line() const { return line_; }
    size_t column() const { return column_; }

private:
    size_t line_, column_;
};

// Nesting deeper than this is refused before parsing: every writer and copy of a value recurses,
// and no record of the API comes near it.
inline constexpr size_t kMaxDepth = 512;

// Parses text (iteratively: hostile nesting cannot exhaust the stack). `lenient` also accepts
// // and /* */ comments and trailing commas, as found in the API reference's examples. Throws
// ParseError "line L, column C: <reason>", also for nesting deeper than kMaxDepth.
Document parse(std::string_view text, bool lenient = false);

std::string write(const Value& value, bool pretty = false);

// "a.b.c" → the member, or nullptr. Never throws.
const Value* find(const Value& root, std::string_view dotted_path);

// A value as a short string for tables and CSV: strings unquoted, null empty, numbers and
// booleans as JSON, arrays and objects as compact JSON text.
std::string scalar_text(const Value& value);

Value copy(const Value& value, Allocator& allocator);
Value str(std::string_view s, Allocator& allocator);

}  // namespace crm::json
