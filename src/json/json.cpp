#include "json/json.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace crm::json {

namespace {

// Converts a byte offset into 1-based line and column numbers.
std::pair<size_t, size_t> locate(std::string_view text, size_t offset) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// The offset where nesting first goes deeper than kMaxDepth, or npos. Brackets inside strings
// do not count; the parser checks everything else.
size_t too_deep_at(std::string_view text) {
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

}  // namespace

Document parse(std::string_view text, bool lenient) {
    if (size_t at = too_deep_at(text); at != std::string_view::npos) {
        auto [line, column] = locate(text, at);
        throw ParseError(fmt::format("line {}, column {}: nested deeper than {} levels", line, column, kMaxDepth), line,
                         column);
    }
    Document doc;
    constexpr unsigned kStrict = rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag;
    constexpr unsigned kLenient = kStrict | rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
    if (lenient) {
        doc.Parse<kLenient>(text.data(), text.size());
    } else {
        doc.Parse<kStrict>(text.data(), text.size());
    }
    if (doc.HasParseError()) {
        auto [line, column] = locate(text, doc.GetErrorOffset());
        throw ParseError(fmt::format("line {}, column {}: {}", line, column,
                                     rapidjson::GetParseError_En(doc.GetParseError())),
                         line, column);
    }
    return doc;
}

std::string write(const Value& value, bool pretty) {
    rapidjson::StringBuffer buffer;
    if (pretty) {
        rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
        writer.SetIndent(' ', 2);
        value.Accept(writer);
    } else {
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        value.Accept(writer);
    }
    return {buffer.GetString(), buffer.GetSize()};
}

const Value* find(const Value& root, std::string_view dotted_path) {
    const Value* node = &root;
    while (!dotted_path.empty()) {
        size_t dot = dotted_path.find('.');
        std::string_view key = dotted_path.substr(0, dot);
        if (!node->IsObject()) return nullptr;
        auto it = node->FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
        if (it == node->MemberEnd()) return nullptr;
        node = &it->value;
        dotted_path = dot == std::string_view::npos ? std::string_view{} : dotted_path.substr(dot + 1);
    }
    return node;
}

std::string scalar_text(const Value& value) {
    if (value.IsString()) return {value.GetString(), value.GetStringLength()};
    if (value.IsNull()) return {};
    return write(value);
}

Value copy(const Value& value, Allocator& allocator) { return Value(value, allocator); }

Value str(std::string_view s, Allocator& allocator) {
    return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), allocator);
}

}  // namespace crm::json
