#include "bulk/wire.h"

#include "errors.h"
#include "json/json.h"
#include "term/report.h"

#include <fmt/format.h>

#include <optional>

namespace crm::bulk {

namespace {

constexpr size_t kQuotedChars = 80;  // of a body that is not the API's, in messages

std::optional<json::Document> parse_json(const std::string& body) {
    try {
        return json::parse(body);
    } catch (const json::ParseError&) {
        return std::nullopt;
    }
}

bool content_rejection(long status) {
    switch (status) {
        case 401: case 403: case 404: case 405: case 408: case 429: return false;
        default: return status >= 400 && status < 500;
    }
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// A JSON body shaped like an error: {"error": …} (not null or false) or {"statusCode": 4xx/5xx}.
// Its status, or 0 when it names none.
std::optional<long> error_shape(const json::Document& doc) {
    if (!doc.IsObject()) return std::nullopt;
    if (const auto* code = json::find(doc, "statusCode"); code && code->IsInt64() && code->GetInt64() >= 400)
        return code->GetInt64();
    const auto* error = json::find(doc, "error");
    if (error && !error->IsNull() && !error->IsFalse()) return 0;
    return std::nullopt;
}

// The ids of "item.notFound" (the sandbox's shape) or "notFound".
std::vector<std::string> not_found_ids(const json::Document& doc) {
    const auto* list = json::find(doc, "item.notFound");
    if (!list) list = json::find(doc, "notFound");
    std::vector<std::string> ids;
    if (list && list->IsArray()) {
        for (const auto& id : list->GetArray()) ids.push_back(json::scalar_text(id));
    }
    return ids;
}

// A 2xx that does not say the batch was carried out: unknown, and nothing more is sent.
Answer not_acceptance(long status, std::string why, int exit) {
    return {.kind = Answer::Kind::unknown, .why = std::move(why), .status = status, .exit = exit, .stop = true};
}

Answer answer_2xx(long status, const http::Response& response) {
    if (blank(response.body)) return {.kind = Answer::Kind::accepted, .status = status};
    auto doc = parse_json(response.body);
    if (!doc) {
        auto type = response.header("Content-Type").value_or("no content type");
        return not_acceptance(status,
                              fmt::format("HTTP {} with a body that is not JSON ({}: {}), not the API's answer", status,
                                          type, term::escape_controls(response.body.substr(0, kQuotedChars))),
                              kExitUnexpected);
    }
    if (auto error = error_shape(*doc)) {
        return not_acceptance(status,
                              fmt::format("HTTP {} with an error in the body: {}", status, server_message(response.body)),
                              *error ? exit_code_for_status(*error) : kExitUnexpected);
    }
    return {.kind = Answer::Kind::accepted, .not_found = not_found_ids(*doc), .status = status};
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
    if (!result.ok()) {
        bool maybe_carried_out = result.request_sent || (result.failure == http::Failure::aborted && result.attempts > 0);
        answer.kind = maybe_carried_out ? Answer::Kind::unknown : Answer::Kind::failed;
        answer.why = fmt::format("{}: {}", http::failure_name(result.failure), result.error);
        answer.exit = kExitNetwork;
    } else if (long status = result.response.status; status >= 200 && status < 300) {
        answer = answer_2xx(status, result.response);
    } else {
        answer.kind = content_rejection(status) ? Answer::Kind::rejected : Answer::Kind::failed;
        answer.why = fmt::format("HTTP {}: {}", status, server_message(result.response.body));
        answer.status = status;
        answer.exit = exit_code_for_status(status);
        answer.stop = status == 401 || status == 403;
    }
    answer.retries = std::max(result.attempts - 1, 0);
    return answer;
}

}  // namespace crm::bulk
