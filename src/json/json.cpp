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

// Hands the reader's events to a document, and stops the reader where nesting first goes
// deeper than kMaxDepth: a document that deep would overflow the stack of the recursive code
// that reads, writes and frees it later.
class DepthLimit {
public:
    explicit DepthLimit(Document& doc) : doc_(doc) {}
    bool too_deep() const { return depth_ > kMaxDepth; }

    bool Null() { return doc_.Null(); }
    bool Bool(bool b) { return doc_.Bool(b); }
    bool Int(int i) { return doc_.Int(i); }
    bool Uint(unsigned i) { return doc_.Uint(i); }
    bool Int64(int64_t i) { return doc_.Int64(i); }
    bool Uint64(uint64_t i) { return doc_.Uint64(i); }
    bool Double(double d) { return doc_.Double(d); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return doc_.RawNumber(s, n, copy); }
    bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
    bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
    bool StartObject() { return ++depth_ <= kMaxDepth && doc_.StartObject(); }
    bool EndObject(rapidjson::SizeType n) { return --depth_, doc_.EndObject(n); }
    bool StartArray() { return ++depth_ <= kMaxDepth && doc_.StartArray(); }
    bool EndArray(rapidjson::SizeType n) { return --depth_, doc_.EndArray(n); }

private:
    Document& doc_;
    size_t depth_ = 0;
};

template <unsigned flags>
void parse_into(Document& doc, std::string_view text, rapidjson::Reader& reader, bool& too_deep) {
    auto generate = [&](Document& target) {
        DepthLimit limit(target);
        rapidjson::MemoryStream bytes(text.data(), text.size());
        rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
        const bool ok = !reader.Parse<flags>(in, limit).IsError();
        too_deep = limit.too_deep();
        return ok;
    };
    doc.Populate(generate);
}

}  // namespace

Document parse(std::string_view text, bool lenient) {
    Document doc;
    rapidjson::Reader reader;
    bool too_deep = false;
    constexpr unsigned kStrict = rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag;
    constexpr unsigned kLenient = kStrict | rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
    if (lenient) {
        parse_into<kLenient>(doc, text, reader, too_deep);
    } else {
        parse_into<kStrict>(doc, text, reader, too_deep);
    }
    if (reader.HasParseError()) {
        auto [line, column] = locate(text, reader.GetErrorOffset());
        const std::string reason = too_deep ? fmt::format("nested deeper than {} levels", kMaxDepth)
                                            : rapidjson::GetParseError_En(reader.GetParseErrorCode());
        throw ParseError(fmt::format("line {}, column {}: {}", line, column, reason), line, column);
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
