// A bulk delete on the wire (CLI.md §7): the request for a batch, and how the client's result
// becomes an Answer for the runner.
#pragma once
#include "api/resources.h"
#include "bulk/runner.h"
#include "http/request.h"

#include <string>
#include <vector>

namespace crm::bulk {

// POST <bulk_path> {"entity":"lead","action":"delete","ids":[...]}, marked idempotent: a repeat
// is harmless (already deleted ids come back as not found), so the client may retry it.
http::Request delete_request(const api::Resource& resource, const std::vector<std::string>& ids);

// 2xx with an empty body, or with JSON that is not an error → accepted (the body's "notFound"
// array names the ids already gone);
// 2xx with anything else — HTML from a captive portal, other text, `{"error":…}`,
// `{"statusCode":4xx/5xx,…}` — → unknown, and the run stops: that is not the API answering;
// 4xx about the content (400, 409, 413, 422 …) → rejected, so the batch is split;
// 401/403 → failed, and the run stops; 404/405/408/429 and 5xx (after retries) → failed;
// transport failure → unknown when the request (or an earlier attempt) may have reached the
// server, failed when it certainly did not.
// Every answer but an acceptance carries its exit class (CLI.md §5).
Answer answer_of(const http::Result& result);

}  // namespace crm::bulk
