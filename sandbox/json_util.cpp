#include "json_util.h"

#include "api_error.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sandbox {

Document parse_body(const std::string& body) {
    Document d;
    constexpr unsigned kFlags = rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        throw bad_request("body", "request body is required (a JSON object)");
    d.Parse<kFlags>(body.c_str(), body.size());
    if (d.HasParseError()) {
        throw bad_request("body", std::string("malformed JSON at offset ") +
                                      std::to_string(d.GetErrorOffset()) + ": " +
                                      rapidjson::GetParseError_En(d.GetParseError()));
    }
    if (!d.IsObject()) throw bad_request("body", "request body must be a JSON object");
    return d;
}

Document parse_stored(const std::string& text) {
    Document d;
    d.Parse(text.c_str(), text.size());
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
