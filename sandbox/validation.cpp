#include "validation.h"

#include "api_error.h"
#include "clock.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fmt/format.h>
#include <set>

namespace sandbox {
namespace {

enum class Type { String, Object, Array, Bool, StringOrArray, StringOrObject };

struct KnownField {
    const char* name;
    Type type;
};

// Types of the fields the reference documents. Anything else round-trips untouched.
const KnownField kKnown[] = {
    {"title", Type::String},          {"name", Type::String},
    {"label", Type::String},          {"description", Type::String},
    {"note", Type::String},           {"origin", Type::String},
    {"leadRating", Type::String},     {"status", Type::String},
    {"stage", Type::String},          {"pipelineId", Type::String},
    {"contactId", Type::String},      {"organizationId", Type::String},
    {"caseTypeId", Type::String},     {"color", Type::String},
    {"tenantId", Type::String},       {"priority", Type::String},
    {"jobTitle", Type::String},       {"website", Type::String},
    {"value", Type::Object},          {"owner", Type::Object},
    {"creator", Type::Object},        {"lastUpdatedBy", Type::Object},
    {"customFields", Type::Object},   {"assignee", Type::Object},
    {"organization", Type::Object},   {"contact", Type::Object},
    {"lostReason", Type::Object},     {"followers", Type::Array},
    {"participants", Type::Array},    {"fields", Type::Array},
    {"form", Type::Array},            {"isArchived", Type::Bool},
    {"isConverted", Type::Bool},      {"tags", Type::StringOrArray},
    {"email", Type::StringOrArray},   {"phone", Type::StringOrArray},
    {"address", Type::StringOrObject},
};

bool type_ok(const Value& v, Type t) {
    switch (t) {
        case Type::String: return v.IsString();
        case Type::Object: return v.IsObject();
        case Type::Array: return v.IsArray();
        case Type::Bool: return v.IsBool();
        case Type::StringOrArray: return v.IsString() || v.IsArray();
        case Type::StringOrObject: return v.IsString() || v.IsObject();
    }
    return true;
}

const char* type_name(Type t) {
    switch (t) {
        case Type::String: return "a string";
        case Type::Object: return "an object";
        case Type::Array: return "an array";
        case Type::Bool: return "a boolean";
        case Type::StringOrArray: return "a string or an array";
        case Type::StringOrObject: return "a string or an object";
    }
    return "valid";
}

// An integer in lo..hi; anything else (not a number, out of range, overflowing) is a 400.
int64_t parse_int(const std::string& s, const char* name, int64_t lo, int64_t hi) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi)
        throw bad_request(name, fmt::format("{} must be an integer between {} and {}", name, lo, hi));
    return v;
}

bool parse_bool(const std::string& s, const char* name) {
    std::string l = ascii_lower(s);
    if (l == "true" || l == "1") return true;
    if (l == "false" || l == "0") return false;
    throw bad_request(name, std::string(name) + " must be true or false");
}

}  // namespace

void require_string(const Value& body, const char* field) {
    const Value* v = member(body, field);
    if (!v || v->IsNull()) throw bad_request(field, std::string(field) + " is required");
    if (!v->IsString()) throw bad_request(field, std::string(field) + " must be a string");
    if (v->GetStringLength() == 0) throw bad_request(field, std::string(field) + " must not be empty");
}

void check_field_types(const Value& body) {
    for (const auto& k : kKnown) {
        const Value* v = member(body, k.name);
        if (!v || v->IsNull()) continue;
        if (!type_ok(*v, k.type))
            throw bad_request(k.name, std::string(k.name) + " must be " + type_name(k.type));
    }
}

std::vector<std::string> split_csv(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        std::string item = s.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
        start = comma + 1;
    }
    return out;
}

PageRequest parse_list_query(const ApiRequest& req, const std::vector<FilterSpec>& filters,
                             bool allow_offset, int64_t max_page_size) {
    PageRequest pr;
    if (auto p = req.param("page")) pr.page = parse_int(*p, "page", 1, kMaxPage);
    if (auto s = req.param("size")) pr.size = parse_int(*s, "size", 1, 1000);
    if (max_page_size > 0) pr.size = std::min(pr.size, max_page_size);
    pr.query.limit = pr.size;
    pr.query.offset = (pr.page - 1) * pr.size;  // at most (2^31 - 2) * 1000: no overflow
    if (allow_offset) {
        // offset, when given, replaces (page-1)*size
        if (auto o = req.param("offset")) pr.query.offset = parse_int(*o, "offset", 0, INT64_MAX);
    }
    if (auto s = req.param("sort")) {
        std::string l = ascii_lower(*s);
        if (l == "desc") pr.query.descending = true;
        else if (l != "asc") throw bad_request("sort", "sort must be asc or desc");
    }
    if (auto o = req.param("orderBy")) {
        if (o->empty() || o->size() > 64) throw bad_request("orderBy", "orderBy must name a field");
        for (char c : *o) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) throw bad_request("orderBy", "orderBy must name a top-level field");
        }
        pr.query.order_by = *o;
    }
    for (const auto& f : filters) {
        // Repeated parameters (?tags=a&tags=b) count as one comma-separated list.
        auto [lo, hi] = req.query.equal_range(f.param);
        if (lo == hi) continue;
        std::string joined;
        for (auto it = lo; it != hi; ++it) joined += (joined.empty() ? "" : ",") + it->second;
        Condition c{f.kind, f.field, {}, false};
        switch (f.kind) {
            case Condition::Kind::AnyOf:
            case Condition::Kind::Tags:
                c.values = split_csv(joined);
                if (c.values.empty()) continue;  // an empty filter filters nothing
                break;
            case Condition::Kind::Contains:
            case Condition::Kind::Search:
                if (lo->second.empty()) continue;
                c.values = {lo->second};
                break;
            case Condition::Kind::IsTrue:
                c.flag = parse_bool(lo->second, f.param);
                break;
            case Condition::Kind::After:
            case Condition::Kind::Before: {
                auto t = parse_iso(lo->second);
                if (!t) throw bad_request(f.param, std::string(f.param) + " must be an ISO 8601 date or date-time");
                c.values = {format_iso(*t)};
                break;
            }
        }
        pr.query.where.push_back(std::move(c));
    }
    return pr;
}

}  // namespace sandbox
