#include "api/requests.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace crm::api {

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string_view part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) parts.emplace_back(part);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return parts;
}

std::string check_filter(const Filter& filter, const std::vector<std::string>& values, std::optional<Now> now) {
    std::vector<std::string> parts;
    for (const auto& value : values) {
        auto split = split_list(value);
        parts.insert(parts.end(), split.begin(), split.end());
    }
    // An unset shell variable must not widen a filter to everything (CLI.md §7).
    if (parts.empty()) throw UsageError(fmt::format("--{} is empty; nothing sent", filter.flag));
    if (filter.kind == FilterKind::list) return fmt::format("{}", fmt::join(parts, ","));
    if (values.size() > 1) throw UsageError(fmt::format("--{} takes one value", filter.flag));
    const std::string& value = values.front();
    switch (filter.kind) {
        case FilterKind::boolean:
            if (value != "true" && value != "false")
                throw UsageError(fmt::format("--{} must be true or false, got '{}'", filter.flag, value));
            break;
        case FilterKind::date: {
            if (is_iso8601(value)) break;
            if (!now) {
                if (!resolve_date(value, Now{}).empty())
                    throw Error(fmt::format("--{} {}: a relative date needs the time now (a bug)", filter.flag, value),
                                kExitUnexpected);
            } else if (auto date = resolve_date(value, *now); !date.empty()) {
                return date;
            }
            throw UsageError(fmt::format("--{} must be a date: ISO 8601 (2024-01-31, 2024-01-31T12:00:00Z) or "
                                         "relative (90d, 2w, 12h, 30m, today, yesterday), got '{}'",
                                         filter.flag, value));
        }
        case FilterKind::number:
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw UsageError(fmt::format("--{} must be a non-negative integer, got '{}'", filter.flag, value));
            break;
        case FilterKind::text:
        case FilterKind::list:
            break;
    }
    return value;
}

http::Request list_request(const Resource& resource, const ListParams& params, int page,
                           std::optional<int> size) {
    http::Request request{.method = "GET", .path = resource.path};
    auto& q = request.query;
    q.emplace_back("page", std::to_string(page));
    if (size) q.emplace_back("size", std::to_string(*size));
    if (!params.sort.empty()) {
        std::string sort = params.sort;
        std::transform(sort.begin(), sort.end(), sort.begin(), [](unsigned char c) { return std::tolower(c); });
        if (sort != "asc" && sort != "desc") throw UsageError(fmt::format("--sort must be asc or desc, got '{}'", params.sort));
        q.emplace_back("sort", sort);
    }
    if (!params.order_by.empty()) q.emplace_back("orderBy", params.order_by);
    for (const auto& [flag, values] : params.named) {
        auto it = std::find_if(resource.filters.begin(), resource.filters.end(),
                               [&](const Filter& f) { return f.flag == flag; });
        if (it == resource.filters.end() || values.empty()) continue;
        q.emplace_back(it->param, check_filter(*it, values, params.now));
    }
    for (const auto& raw : params.raw) {
        size_t eq = raw.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--filter expects KEY=VALUE, got '{}'", raw));
        if (eq + 1 == raw.size()) throw UsageError(fmt::format("--filter {} has an empty value; nothing sent", raw));
        q.emplace_back(raw.substr(0, eq), raw.substr(eq + 1));
    }
    return request;
}

namespace {

http::Request with_body(std::string method, std::string path, const json::Value& body) {
    return {.method = std::move(method), .path = std::move(path), .body = json::write(body)};
}

json::Value id_list(const std::vector<std::string>& ids, json::Allocator& alloc) {
    json::Value list(rapidjson::kArrayType);
    for (const auto& id : ids) {
        id_segment(id);  // the checks of an id in a path: nothing blank or with control characters
        list.PushBack(json::str(id, alloc), alloc);
    }
    return list;
}

json::Document tag_body(const TagInput& input) {
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    if (input.label) body.AddMember("label", json::str(*input.label, alloc), alloc);
    if (input.color) {
        check_color(*input.color);
        body.AddMember("color", json::str(*input.color, alloc), alloc);
    }
    return body;
}

}  // namespace

http::Request get_request(const Resource& resource, std::string_view id) {
    return {.method = "GET", .path = item_path(resource, id)};
}

http::Request create_request(const Resource& resource, const json::Value& body) {
    return with_body("POST", resource.path, body);
}

http::Request update_request(const Resource& resource, std::string_view id, const json::Value& body) {
    return with_body("PATCH", item_path(resource, id), body);
}

http::Request import_update_request(const Resource& resource, std::string_view id, const json::Value& body) {
    auto request = update_request(resource, id, body);
    request.idempotent = true;
    return request;
}

http::Request delete_request(const Resource& resource, std::string_view id) {
    return {.method = "DELETE", .path = item_path(resource, id)};
}

http::Request id_action_request(const Resource& resource, const IdAction& action, std::string_view id) {
    return {.method = action.method, .path = item_path(resource, id) + "/" + action.suffix};
}

http::Request merge_request(const Resource& resource, std::string_view target, const std::vector<std::string>& sources,
                            const Identity& identity) {
    if (sources.empty()) throw UsageError("--source needs at least one id");
    if (std::find(sources.begin(), sources.end(), target) != sources.end())
        throw UsageError(fmt::format("cannot merge {} {} into itself", resource.singular, target));
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    body.AddMember("sourceId", id_list(sources, alloc), alloc);
    stamp_identity(body, identity, Stamp::update);
    return with_body("POST", item_path(resource, target) + "/merge", body);
}

http::Request status_request(const Resource& opportunities, const StatusInput& input, const Identity& identity) {
    if ((input.reason_id || input.comment) && input.status != "lost")
        throw UsageError("--reason-id and --comment only apply to status lost");
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    body.AddMember("status", json::str(input.status, alloc), alloc);
    if (input.reason_id || input.comment) {
        json::Value reason(rapidjson::kObjectType);
        if (input.reason_id) reason.AddMember("reasonId", json::str(*input.reason_id, alloc), alloc);
        if (input.comment) reason.AddMember("comment", json::str(*input.comment, alloc), alloc);
        body.AddMember("lostReason", reason, alloc);
    }
    stamp_identity(body, identity, Stamp::update);
    return with_body("PATCH", item_path(opportunities, input.id) + "/updateStatus", body);
}

http::Request stage_request(const Resource& opportunities, std::string_view id, std::string_view stage_key,
                            const Identity& identity) {
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    body.AddMember("stage", json::str(stage_key, alloc), alloc);
    stamp_identity(body, identity, Stamp::update);
    return with_body("PATCH", item_path(opportunities, id) + "/updateStage", body);
}

void check_color(const std::string& color) {
    bool ok = color.size() == 7 && color[0] == '#' &&
              color.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    if (!ok) throw UsageError(fmt::format("--color must be #rrggbb (e.g. '#ff0000'), got '{}'", color));
}

http::Request tags_list_request(const Resource& resource) { return {.method = "GET", .path = resource.tags_path}; }

http::Request tags_lookup_request(const Resource& resource) {
    return {.method = "GET",
            .path = resource.tags_path,
            .query = {{"page", "1"}, {"size", std::to_string(kMaxPageSize)}}};
}

http::Request tag_create_request(const Resource& resource, const TagInput& input, const Identity& identity) {
    if (!input.label || input.label->empty()) throw UsageError("--label is required");
    auto body = tag_body(input);
    if (!identity.tenant_id.empty()) body.AddMember("tenantId", json::str(identity.tenant_id, body.GetAllocator()), body.GetAllocator());
    return with_body("POST", resource.tags_path, body);
}

http::Request tag_update_request(const Resource& resource, std::string_view id, const TagInput& input) {
    if (!input.label && !input.color) throw UsageError("nothing to update: give --label and/or --color");
    return with_body("PATCH", resource.tags_path + "/" + id_segment(id), tag_body(input));
}

http::Request tag_delete_request(const Resource& resource, std::string_view id) {
    return {.method = "DELETE", .path = resource.tags_path + "/" + id_segment(id)};
}

http::Request record_tags_request(const Resource& resource, std::string_view id, const json::Value& tags,
                                  const Identity& identity) {
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    body.AddMember("tags", json::copy(tags, alloc), alloc);
    stamp_identity(body, identity, Stamp::update);
    return with_body("PATCH", item_path(resource, id), body);
}

http::Request form_get_request(const Resource& resource) { return {.method = "GET", .path = resource.form_path}; }

http::Request form_set_request(const Resource& resource, const json::Value& body) {
    const json::Value* fields = body.IsObject() ? json::find(body, "fields") : nullptr;
    if (!fields || !fields->IsArray())
        throw UsageError("forms set replaces the whole form, so the body needs a \"fields\" array; nothing was sent");
    return with_body("PUT", resource.form_path, body);
}

http::Request key_probe_request() {
    return list_request(*find_entity("leads"), {}, 1, 1);
}

http::Request write_probe_request() { return {.method = "OPTIONS", .path = find_entity("leads")->path}; }

}  // namespace crm::api
