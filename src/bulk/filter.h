// The guard on a delete by filter (CLI.md §7): a filter that selects more than the user meant
// must never reach the server, because every record it matches is deleted.
#pragma once
#include "api/requests.h"
#include "api/resources.h"

namespace crm::bulk {

// Throws UsageError (nothing sent) for
//  - an empty value (`--tags ""`, `--filter title=`: an unset variable), which the server
//    would ignore, matching everything;
//  - a --filter KEY the API reference does not list for the entity (a typo such as
//    isArchvied is ignored by the server the same way), unless `allow_unknown`;
//  - --filter page= or size=: a delete by filter walks every page itself.
// Known keys are the entity's named filters' parameters plus sort and orderBy.
void check_delete_filter(const api::Resource& resource, const api::ListParams& filter, bool allow_unknown);

}  // namespace crm::bulk
