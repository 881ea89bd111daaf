#include "bulk/wire.h"

#include "json/json.h"

#include <fmt/format.h>

namespace crm::bulk {

namespace {

std::string server_message(const std::string& body) {
    try {
        auto doc = json::parse(body);
        for (const char* path : {"message", "error.message", "error"}) {
            if (const auto* value = json::find(doc, path); value && value->IsString()) return value->GetString();
        }
    } catch (const std::exception&) {
        // not JSON: fall through to the raw text
    }
    return body.substr(0, 200);
}

size_t not_found_count(const std::string& body) {
    try {
        auto doc = json::parse(body);
        const auto* list = json::find(doc, "item.notFound");
        if (!list) list = json::find(doc, "notFound");
        return list && list->IsArray() ? list->Size() : 0;
    } catch (const std::exception&) {
        return 0;  // accepted all the same: the status says so
    }
}

bool content_rejection(long status) {
    switch (status) {
        case 401: case 403: case 404: case 405: case 408: case 429: return false;
        default: return status >= 400 && status < 500;
    }
}

}  // namespace

http::Request delete_request(const api::Resource& resource, const std::vector<std::string>& ids) {
    json::Document body(rapidjson::kObjectType);
    auto& alloc = body.GetAllocator();
    body.AddMember("entity", json::str(resource.bulk_entity, alloc), alloc);
    body.AddMember("action", "delete", alloc);
    json::Value list(rapidjson::kArrayType);
    for (const auto& id : ids) list.PushBack(json::str(id, alloc), alloc);
    body.AddMember("ids", list, alloc);
    return {.method = "POST", .path = resource.bulk_path, .body = json::write(body), .idempotent = true};
}

Answer answer_of(const http::Result& result) {
    Answer answer;
    answer.retries = std::max(result.attempts - 1, 0);
    if (!result.ok()) {
        bool maybe_carried_out = result.request_sent || (result.failure == http::Failure::aborted && result.attempts > 0);
        answer.kind = maybe_carried_out ? Answer::Kind::unknown : Answer::Kind::failed;
        answer.why = fmt::format("{}: {}", http::failure_name(result.failure), result.error);
        return answer;
    }
    long status = result.response.status;
    if (status >= 200 && status < 300) {
        answer.kind = Answer::Kind::accepted;
        answer.not_found = not_found_count(result.response.body);
        return answer;
    }
    answer.kind = content_rejection(status) ? Answer::Kind::rejected : Answer::Kind::failed;
    answer.why = fmt::format("HTTP {}: {}", status, server_message(result.response.body));
    return answer;
}

}  // namespace crm::bulk
