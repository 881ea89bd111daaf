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

}  // namespace

Document parse(std::string_view text, bool lenient) {
    Document doc;
    constexpr unsigned kStrict = rapidjson::kParseFullPrecisionFlag;
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
