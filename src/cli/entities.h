// Run functions of the entity commands (CLI.md §1), generic over the resource table, plus
// the few actions that are specific to one entity.
#pragma once
#include "api/body.h"
#include "api/requests.h"
#include "api/resources.h"
#include "cli/context.h"
#include "cli/editing.h"
#include "cli/records.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

// `names`: the name-aware flags (CLI.md §12, cli/editing.h), resolved by reads first.
void run_list(Context& ctx, const api::Resource& resource, const api::ListParams& params, const Paging& paging,
              const NameFlags& names = {});
void run_get(Context& ctx, const api::Resource& resource, const std::vector<std::string>& ids);
void run_create(Context& ctx, const api::Resource& resource, const api::BodyInput& input, const NameFlags& names = {});
void run_update(Context& ctx, const api::Resource& resource, const std::string& id, const api::BodyInput& input,
                const NameFlags& names = {});
// --yes and --ignore-not-found of the commands that delete (CLI.md §7).
struct DestructiveOptions {
    bool yes = false;
    bool ignore_not_found = false;
};
void run_delete(Context& ctx, const api::Resource& resource, const std::vector<std::string>& ids,
                const DestructiveOptions& options);
void run_id_action(Context& ctx, const api::Resource& resource, const api::IdAction& action,
                   const std::vector<std::string>& ids, bool ignore_not_found);
void run_merge(Context& ctx, const api::Resource& resource, const std::string& target,
               const std::vector<std::string>& sources, bool yes);

// Opportunities.
void run_opportunity_status(Context& ctx, const api::StatusInput& input);
void run_opportunity_stage(Context& ctx, const std::string& id, const std::string& stage);

// Reads @FILE arguments of a body; "-" is standard input.
api::FileReader file_reader(Context& ctx);

// The acting user and tenant of the profile (CLI.md §3).
api::Identity identity(Context& ctx);

// Builds a body and stamps the identity; UsageError on invalid JSON.
json::Document make_body(Context& ctx, const api::BodyInput& input, std::optional<api::Stamp> stamp);

}  // namespace crm::cli
