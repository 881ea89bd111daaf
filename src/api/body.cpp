#include "api/body.h"

#include "errors.h"

#include <fmt/format.h>

namespace crm::api {

namespace {

std::pair<std::string, std::string> split_field(const std::string& field, const char* flag) {
    size_t eq = field.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw UsageError(fmt::format("{} expects KEY=VALUE, got '{}'", flag, field));
    }
    return {field.substr(0, eq), field.substr(eq + 1)};
}

std::string resolve_data(const std::string& data, const FileReader& read_file) {
    if (!data.empty() && data[0] == '@') return read_file(data.substr(1));
    return data;
}

}  // namespace

json::Value typed_value(std::string_view text, json::Allocator& alloc) {
    json::Value parsed;
    try {
        parsed.CopyFrom(json::parse(text), alloc);
    } catch (const json::ParseError&) {
        parsed = json::str(text, alloc);  // not JSON: a string, as -F documents
    }
    return parsed;
}

json::Value cell_value(std::optional<FieldType> type, std::string_view text, json::Allocator& alloc) {
    if (!type) return typed_value(text, alloc);
    switch (*type) {
        case FieldType::text:
            return json::str(text, alloc);
        case FieldType::boolean:
            if (text != "true" && text != "false") throw UsageError(fmt::format("must be true or false, got '{}'", text));
            return json::Value(text == "true");
        case FieldType::number: {
            json::Value number = typed_value(text, alloc);
            if (!number.IsNumber()) throw UsageError(fmt::format("must be a number, got '{}'", text));
            return number;
        }
        case FieldType::structured:
            if (!text.starts_with('[') && !text.starts_with('{')) return json::str(text, alloc);
            try {
                json::Value value;
                value.CopyFrom(json::parse(text), alloc);
                return value;
            } catch (const json::ParseError& e) {
                throw UsageError(fmt::format("invalid JSON: {}", e.what()));
            }
    }
    return json::str(text, alloc);
}

void set_path(json::Document& doc, std::string_view dotted_key, json::Value value) {
    auto& alloc = doc.GetAllocator();
    bool append = dotted_key.ends_with("[]");
    if (append) dotted_key.remove_suffix(2);
    if (!doc.IsObject()) throw UsageError("fields can only be set on a JSON object body");

    json::Value* node = &doc;
    while (true) {
        size_t dot = dotted_key.find('.');
        std::string_view key = dotted_key.substr(0, dot);
        if (key.empty()) throw UsageError(fmt::format("empty name in field key '{}'", dotted_key));
        bool last = dot == std::string_view::npos;
        auto it = node->FindMember(json::Value(rapidjson::StringRef(key.data(), key.size())));
        if (last) {
            if (append) {
                if (it == node->MemberEnd()) {
                    node->AddMember(json::str(key, alloc), json::Value(rapidjson::kArrayType), alloc);
                    it = node->FindMember(json::Value(rapidjson::StringRef(key.data(), key.size())));
                } else if (!it->value.IsArray()) {
                    throw UsageError(fmt::format("cannot append to '{}': it is not an array", key));
                }
                it->value.PushBack(value, alloc);
            } else if (it == node->MemberEnd()) {
                node->AddMember(json::str(key, alloc), value, alloc);
            } else {
                it->value = value;
            }
            return;
        }
        if (it == node->MemberEnd()) {
            node->AddMember(json::str(key, alloc), json::Value(rapidjson::kObjectType), alloc);
            it = node->FindMember(json::Value(rapidjson::StringRef(key.data(), key.size())));
        } else if (!it->value.IsObject()) {
            throw UsageError(fmt::format("cannot set a field inside '{}': it is not an object", key));
        }
        node = &it->value;
        dotted_key.remove_prefix(dot + 1);
    }
}

json::Document build_body(const BodyInput& input, const FileReader& read_file) {
    json::Document doc;
    if (input.data) {
        std::string text = resolve_data(*input.data, read_file);
        try {
            doc = json::parse(text, /*lenient=*/true);
        } catch (const json::ParseError& e) {
            throw UsageError(fmt::format("invalid JSON body: {}", e.what()));
        }
    } else {
        doc.SetObject();
    }
    if ((!input.fields.empty() || !input.typed_fields.empty()) && !doc.IsObject()) {
        throw UsageError("--field/--typed-field need --data to be a JSON object");
    }
    auto& alloc = doc.GetAllocator();
    for (const auto& field : input.fields) {
        auto [key, value] = split_field(field, "--field");
        set_path(doc, key, json::str(value, alloc));
    }
    for (const auto& field : input.typed_fields) {
        auto [key, value] = split_field(field, "--typed-field");
        if (!value.empty() && value[0] == '@') value = read_file(value.substr(1));
        set_path(doc, key, typed_value(value, alloc));
    }
    return doc;
}

void stamp_identity(json::Document& body, const Identity& identity, Stamp stamp) {
    if (!body.IsObject()) return;
    auto& alloc = body.GetAllocator();
    const char* user_key = stamp == Stamp::create ? "creator" : "lastUpdatedBy";
    if (!identity.user_id.empty() && !body.HasMember(user_key)) {
        json::Value user(rapidjson::kObjectType);
        user.AddMember("id", json::str(identity.user_id, alloc), alloc);
        if (!identity.user_name.empty()) user.AddMember("name", json::str(identity.user_name, alloc), alloc);
        if (!identity.user_email.empty()) user.AddMember("email", json::str(identity.user_email, alloc), alloc);
        body.AddMember(rapidjson::StringRef(user_key), user, alloc);
    }
    if (stamp == Stamp::create && !identity.tenant_id.empty() && !body.HasMember("tenantId")) {
        body.AddMember("tenantId", json::str(identity.tenant_id, alloc), alloc);
    }
}

}  // namespace crm::api
