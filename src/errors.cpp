#include "errors.h"

#include "json/json.h"

#include <fmt/format.h>

namespace crm {

int exit_code_for_status(long status) {
    if (status == 401 || status == 403) return kExitAuth;
    if (status == 404) return kExitNotFound;
    if (status == 429) return kExitRateLimited;
    if (status >= 500) return kExitServer;
    if (status >= 400) return kExitRejected;
    return kExitUnexpected;
}

std::string server_message(const std::string& body) {
    try {
        auto doc = json::parse(body);
        for (const char* path : {"message", "error.message", "error", "title", "detail"}) {
            if (const auto* value = json::find(doc, path); value && value->IsString()) return value->GetString();
        }
    } catch (const json::ParseError&) {
        // not JSON: the start of the text
    }
    return body.substr(0, 200);
}

static std::string describe(long status, const std::string& method, const std::string& path,
                            const std::string& server_message, const std::string& what, const std::string& hint) {
    return fmt::format("{}{} (HTTP {}, {} {}){}", what.empty() ? "" : what + ": ",
                       server_message.empty() ? "request failed" : server_message, status, method, path,
                       hint.empty() ? "" : "; " + hint);
}

ApiError::ApiError(long status, std::string method, std::string path, std::string server_message,
                   const std::string& what, const std::string& hint)
    : Error(describe(status, method, path, server_message, what, hint), exit_code_for_status(status)),
      status_(status), method_(std::move(method)), path_(std::move(path)), server_message_(std::move(server_message)) {}

}  // namespace crm
