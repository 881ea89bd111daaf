// /cases: cases, case types, case tags, bulk actions.
#include "api_error.h"
#include "routes.h"

namespace sandbox {
namespace {

using K = Condition::Kind;

// caseTypeId, when given, must name an existing case type; status defaults to open.
void case_hook(Store& s, Document& rec, const Value& body, const Value* before) {
    if (auto type = get_string(body, "caseTypeId"); type && !s.get(kCaseTypes, *type))
        throw bad_request("caseTypeId", "case type " + *type + " does not exist");
    if (!before && !member(body, "status")) set_string(rec, "status", "open", rec.GetAllocator());
}

}  // namespace

void add_cases_routes(Router& r, Store& s, const ListPolicy& lists) {
    EntitySpec cases{kCases, "/cases/cases", "title", "case",
                     {{"title", K::Contains, Field::Name},
                      {"status", K::AnyOf, Field::Status},
                      {"caseType", K::AnyOf, Field::CaseTypeId},
                      {"caseTypeId", K::AnyOf, Field::CaseTypeId},
                      {"ownerId", K::AnyOf, Field::OwnerId},
                      {"contactId", K::AnyOf, Field::ContactId},
                      {"organizationId", K::AnyOf, Field::OrganizationId},
                      {"tags", K::Tags, Field::Id},
                      {"createdAfterDate", K::After, Field::CreatedAt},
                      {"createdBeforeDate", K::Before, Field::CreatedAt}},
                     true, case_hook};
    add_crud_routes(r, s, cases, lists);

    EntitySpec types{kCaseTypes, "/cases/types/cases", "label", "case type", {}, false, nullptr};
    add_crud_routes(r, s, types, lists);

    add_tag_routes(r, s, "/cases/tags/cases", "tags_cases", lists);
    add_bulk_route(r, s, "/cases/bulk-actions", {{"case", kCases}, {"cases", kCases}});
}

}  // namespace sandbox
