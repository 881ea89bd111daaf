// Building blocks shared by the route groups (routes_*.cpp) and their registration functions.
#pragma once
#include "api.h"
#include "json_util.h"
#include "store.h"
#include "validation.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sandbox {

// Collections of the store.
inline constexpr const char* kLeads = "leads";
inline constexpr const char* kOpportunities = "opportunities";
inline constexpr const char* kContacts = "contacts";
inline constexpr const char* kOrganizations = "organizations";
inline constexpr const char* kCases = "cases";
inline constexpr const char* kCaseTypes = "case_types";
inline constexpr const char* kPipelines = "pipelines";
inline constexpr const char* kForms = "forms";
inline constexpr const char* kDefaultPipelineId = "c4d5e6f7-8901-2345-6789-abcdef012345";

// Extra checks/defaults of one entity, run inside the write transaction. `before` is the stored
// record on PATCH (the patch is already applied to `rec`), nullptr on create.
using RecordHook = std::function<void(Store&, Document& rec, const Value& body, const Value* before)>;

struct EntitySpec {
    std::string coll;      // store collection
    std::string base;      // "/pipeline/leads"
    std::string required;  // "title"
    std::string word;      // "lead" (messages, bulk entity)
    std::vector<FilterSpec> filters;
    bool allow_offset = false;
    RecordHook hook;       // may be empty
};

ApiResponse item_response(const std::string& record_json, int status = 200);
// One page of a collection: parses the list query, caps the page size and shapes the answer
// as the policy says.
ApiResponse list_page(Store& store, const std::string& coll, const ApiRequest& req, const ListPolicy& lists,
                      const std::vector<FilterSpec>& filters = {}, bool allow_offset = false);
ApiResponse no_content();

Document load_or_404(Store& store, const std::string& coll, const std::string& id, const std::string& word);
// Stamps updatedAt, writes, returns the JSON text.
std::string save(Store& store, const std::string& coll, Document& rec);
// A new record from a request body: a copy with server-set id, createdAt/createdOn, updatedAt.
Document new_record(Store& store, const std::string& coll, const Value& body);
// Top-level partial update; server-owned fields (id, createdAt, createdOn) are not overwritten.
void apply_patch(Document& rec, const Value& patch);

void add_crud_routes(Router& r, Store& s, const EntitySpec& spec, const ListPolicy& lists);
void add_tag_routes(Router& r, Store& s, const std::string& path, const std::string& coll,
                    const ListPolicy& lists);
// entity word → collection, for one bulk-actions endpoint.
void add_bulk_route(Router& r, Store& s, const std::string& path, std::map<std::string, std::string> entities);

// leads, opportunities, pipelines, forms
void add_pipeline_routes(Router& r, Store& s, const ListPolicy& lists);
// contacts, organizations, merges, forms
void add_directory_routes(Router& r, Store& s, const ListPolicy& lists);
// cases, case types
void add_cases_routes(Router& r, Store& s, const ListPolicy& lists);
void add_form_routes(Router& r, Store& s, const std::string& path, const std::string& form_id);

}  // namespace sandbox
