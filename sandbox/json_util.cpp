#include "json_util.h"

#include "api_error.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sandbox {

namespace {

// RapidJSON's iterative parser: no recursion, whatever the nesting (the recursive one
// overflows the stack on a body of 100,000 nested arrays). Request bodies also accept
// comments and trailing commas and must be valid UTF-8 (a stored record is read back by
// SQLite's JSON functions, which refuse anything else).
constexpr unsigned kBodyFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseCommentsFlag |
                                rapidjson::kParseTrailingCommasFlag | rapidjson::kParseValidateEncodingFlag;

// Checks the syntax and counts the nesting without building anything; stops past kMaxDepth,
// so that no deeper document reaches the code that walks values recursively (copies, writer).
struct DepthGuard : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DepthGuard> {
    int depth = 0;
    bool too_deep = false;
    bool enter() {
        too_deep = ++depth > kMaxDepth;
        return !too_deep;
    }
    bool StartObject() { return enter(); }
    bool StartArray() { return enter(); }
    bool leave() {
        --depth;
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return leave(); }
    bool EndArray(rapidjson::SizeType) { return leave(); }
};

}  // namespace

Document parse_body(const std::string& body) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        throw bad_request("body", "request body is required (a JSON object)");
    // JSON text never holds a raw NUL; RapidJSON would take one for the end of the input.
    if (body.find('\0') != std::string::npos) throw bad_request("body", "malformed JSON: a NUL byte in the body");
    rapidjson::MemoryStream bytes(body.data(), body.size());
    DepthGuard guard;
    rapidjson::Reader reader;
    if (auto ok = reader.Parse<kBodyFlags>(bytes, guard); !ok) {
        if (guard.too_deep)
            throw bad_request("body", fmt::format("JSON nested deeper than {} levels", kMaxDepth));
        throw bad_request("body", fmt::format("malformed JSON at offset {}: {}", ok.Offset(),
                                              rapidjson::GetParseError_En(ok.Code())));
    }
    Document d;
    d.Parse<kBodyFlags>(body.data(), body.size());
    if (d.HasParseError()) throw bad_request("body", "malformed JSON");  // the guard has seen it whole
    if (!d.IsObject()) throw bad_request("body", "request body must be a JSON object");
    return d;
}

Document parse_stored(const std::string& text) {
    Document d;
    d.Parse<rapidjson::kParseIterativeFlag>(text.c_str(), text.size());
    if (d.HasParseError() || !d.IsObject()) throw std::runtime_error("corrupt stored record");
    return d;
}

std::string to_json(const Value& v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
}

std::optional<std::string> get_string(const Value& obj, const char* name) {
    if (!obj.IsObject()) return std::nullopt;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

const Value* member(const Value& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() ? nullptr : &it->value;
}

void set_member(Value& obj, const char* name, Value v, Alloc& a) {
    auto it = obj.FindMember(name);
    if (it != obj.MemberEnd()) {
        it->value = std::move(v);
    } else {
        obj.AddMember(Value(name, a), std::move(v), a);
    }
}

void set_string(Value& obj, const char* name, std::string_view s, Alloc& a) {
    set_member(obj, name, Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a), a);
}

void set_bool(Value& obj, const char* name, bool b, Alloc& a) { set_member(obj, name, Value(b), a); }

void remove_member(Value& obj, const char* name) {
    if (obj.IsObject()) obj.RemoveMember(name);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string json_quote(std::string_view s) {
    Value v(rapidjson::StringRef(s.data(), static_cast<rapidjson::SizeType>(s.size())));
    return to_json(v);
}

}  // namespace sandbox
