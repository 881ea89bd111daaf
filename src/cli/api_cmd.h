// crm api: any request, for what no command covers yet (CLI.md §1).
#pragma once
#include "api/body.h"
#include "cli/context.h"
#include "cli/records.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct ApiOptions {
    std::optional<std::string> method;  // default GET, or POST when a body is given
    std::string path;                   // may carry its own ?query
    std::vector<std::string> query;     // -q KEY=VALUE
    api::BodyInput body;
    bool paginate = false;              // follow pages, print the items as a list
};

// Splits "/x?a=1&b=%20" into path and decoded query pairs.
http::Request parse_api_path(const std::string& path_and_query);

// The request of `crm api` before any paging: the path's own query, then each -q pair, the
// body (JSON text, already built), the method upper-cased (default GET, or POST with a body).
// Pure, so that its wire is tested like every other command's. UsageError for a malformed -q.
http::Request api_request(const ApiOptions& options, std::optional<std::string> body);

void run_api(Context& ctx, const ApiOptions& options);

}  // namespace crm::cli
