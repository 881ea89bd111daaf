// Request builders: pure functions from a resource row and parsed options to an
// http::Request. No I/O, so they are unit-tested directly.
#pragma once
#include "api/body.h"
#include "api/dates.h"
#include "api/resources.h"
#include "http/request.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::api {

struct ListParams {
    int page = 1;
    std::optional<int> size;
    std::string sort;      // asc|desc, any case
    std::string order_by;
    // Named filters: flag name → values (repeated flags and comma lists are joined).
    std::vector<std::pair<std::string, std::vector<std::string>>> named;
    std::vector<std::string> raw;  // --filter KEY=VALUE, sent verbatim
    // "now" of relative dates (--created-after 90d): the command fixes it once, so that every
    // page of a walk asks for the same window. A relative date without it is a bug (exit 1).
    std::optional<Now> now;
};

inline constexpr int kMaxPageSize = 1000;

// Validates and builds GET {path}?page=&size=&sort=&orderBy=&<filters>. Throws
// crm::UsageError for a malformed value (bad boolean, date, number, KEY=VALUE).
http::Request list_request(const Resource& resource, const ListParams& params, int page,
                           std::optional<int> size);

// One filter value checked against its kind; returns the value to send (a date filter's
// relative value resolved against `now`: dates.h).
std::string check_filter(const Filter& filter, const std::vector<std::string>& values,
                         std::optional<Now> now = std::nullopt);

// One builder per row of CLI.md §1. Ids are checked by id_segment (UsageError when empty,
// blank or with control characters); bodies are already built and stamped (body.h).
http::Request get_request(const Resource& resource, std::string_view id);
http::Request create_request(const Resource& resource, const json::Value& body);
http::Request update_request(const Resource& resource, std::string_view id, const json::Value& body);
http::Request delete_request(const Resource& resource, std::string_view id);
// crm ENTITY import --update-by id: the update of a row, marked idempotent (retried like a PUT):
// the row sets absolute values, so sending it twice leaves the record as sending it once.
http::Request import_update_request(const Resource& resource, std::string_view id, const json::Value& body);
http::Request id_action_request(const Resource& resource, const IdAction& action, std::string_view id);

// POST {path}/{target}/merge {"sourceId":[...]}: UsageError for no sources or the target among them.
http::Request merge_request(const Resource& resource, std::string_view target, const std::vector<std::string>& sources,
                            const Identity& identity);

// PATCH …/{id}/updateStatus: lostReason only with status lost.
struct StatusInput {
    std::string id, status;
    std::optional<std::string> reason_id, comment;
};
http::Request status_request(const Resource& opportunities, const StatusInput& input, const Identity& identity);
// PATCH …/{id}/updateStage {"stage": key} (the key: labels are resolved by a read first).
http::Request stage_request(const Resource& opportunities, std::string_view id, std::string_view stage_key,
                            const Identity& identity);

// "#rrggbb"; UsageError otherwise.
void check_color(const std::string& color);

// Tags of an entity: {tags_path}[/{id}]. `color` is checked as #rrggbb (UsageError).
struct TagInput {
    std::optional<std::string> label, color;
};
http::Request tags_list_request(const Resource& resource);
// The whole tag list in one request, ?page=1&size=1000 (the reference documents no paging for
// tag lists; a server that pages them anyway serves its largest page): what `tag` checks
// labels against.
http::Request tags_lookup_request(const Resource& resource);
http::Request tag_create_request(const Resource& resource, const TagInput& input, const Identity& identity);
http::Request tag_update_request(const Resource& resource, std::string_view id, const TagInput& input);
http::Request tag_delete_request(const Resource& resource, std::string_view id);

// crm ENTITY tag: PATCH {path}/{id} {"tags": <the record's tags after the edit, in their shape>}
// with lastUpdatedBy (CLI.md §12; the tags come from editing.h's edit_tags).
http::Request record_tags_request(const Resource& resource, std::string_view id, const json::Value& tags,
                                  const Identity& identity);

// The custom-field form of an entity: GET/PUT {form_path}.
http::Request form_get_request(const Resource& resource);
http::Request form_set_request(const Resource& resource, const json::Value& body);

// The cheapest read that proves a key: the first lead of page 1.
http::Request key_probe_request();
// OPTIONS on the probe's collection: a safe method (RFC 9110: it changes nothing) that a gateway
// enforcing read-only keys refuses with 403 as it refuses writes, and answers otherwise (the
// sandbox: 405). How `crm auth login` tells a read-only key without sending a write.
http::Request write_probe_request();

// Splits "a,b , c" into trimmed non-empty parts.
std::vector<std::string> split_list(std::string_view text);

}  // namespace crm::api
