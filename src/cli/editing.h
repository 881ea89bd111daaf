// CLI.md §12 "Editing records": crm ENTITY tag, and the name-aware flags (--pipeline,
// --stage, --case-type) resolved by a read before the write. The reads go through
// Context::read/reader, so a dry run sends them and prints the write that would be sent.
#pragma once
#include "api/editing.h"
#include "api/requests.h"
#include "api/resources.h"
#include "cli/context.h"
#include "cli/records.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

// crm ENTITY tag ID... --add L[,L] --remove L[,L] [--create-missing]
struct TagEditOptions {
    std::vector<std::string> ids;
    std::vector<std::string> add, remove;  // each value may be a comma list
    bool create_missing = false;
};
void run_tag_edit(Context& ctx, const api::Resource& resource, const TagEditOptions& options);

// The name-aware flags given to create, update or list: a Resource::names flag → its value,
// and opportunities' --stage.
struct NameFlags {
    std::map<std::string, std::string> refs;  // "pipeline" → "Sales Pipeline"
    std::optional<std::string> stage;         // a stage label or key
    bool empty() const { return refs.empty() && !stage; }
};

// Resolves the flags by reads and sets their fields on a create/update body (caseTypeId,
// pipelineId, stage). `update_id`: the record an update changes (its pipeline is where a
// --stage label is looked up when neither --pipeline nor the body names one).
void apply_name_flags(Context& ctx, const api::Resource& resource, const NameFlags& flags, json::Document& body,
                      const std::string* update_id);

// A list's name-aware flags: those the API filters on (cases' --case-type) become the record's
// id in the query; the others (opportunities' --pipeline, --stage) filter the records
// client-side. Returns the client-side filter, or an empty function when there is none.
RecordFilter resolve_list_names(Context& ctx, const api::Resource& resource, const NameFlags& flags,
                                api::ListParams& params);

// Everything a lookup resource lists (pipelines, case types), read even under --dry-run. One
// request of the largest page: these lists are short, and a server that ignored paging would
// otherwise be walked forever.
json::Document list_all(Context& ctx, const api::Resource& resource);

// Every stage label by (pipeline id, stage key), from one read of the pipelines, for the table
// (CLI.md §4): empty when that read fails, as the keys are still right.
using StageLabels = std::map<std::pair<std::string, std::string>, std::string>;
StageLabels read_stage_labels(Context& ctx);

}  // namespace crm::cli
