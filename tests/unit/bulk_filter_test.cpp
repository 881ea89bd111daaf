#include "api/resources.h"
#include "bulk/filter.h"
#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm;
using Catch::Contains;

namespace {

api::ListParams named(const std::string& flag, const std::string& value) { return {.named = {{flag, {value}}}}; }
api::ListParams raw(const std::string& text) { return {.raw = {text}}; }

}  // namespace

TEST_CASE("delete by filter: an empty filter value is refused", "[bulk]") {
    const auto& leads = *api::find_entity("leads");
    CHECK_THROWS_AS(bulk::check_delete_filter(leads, named("tags", ""), false), UsageError);
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, named("tags", " , "), false), Contains("--tags has an empty value"));
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, raw("title="), true), Contains("empty value"));
    CHECK_NOTHROW(bulk::check_delete_filter(leads, named("tags", "stale"), false));
}

TEST_CASE("delete by filter: only the entity's known keys, unless --allow-unknown-filter", "[bulk]") {
    const auto& leads = *api::find_entity("leads");
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, raw("isArchvied=true"), false),
                      Contains("isArchvied is not a filter of leads") && Contains("--allow-unknown-filter"));
    CHECK_NOTHROW(bulk::check_delete_filter(leads, raw("isArchvied=true"), true));
    for (const char* known : {"isArchived=true", "isConverted=false", "contactId=1", "sort=asc", "orderBy=title"})
        CHECK_NOTHROW(bulk::check_delete_filter(leads, raw(known), false));
    // Another entity's filter is unknown here.
    CHECK_THROWS(bulk::check_delete_filter(*api::find_entity("orgs"), raw("isArchived=true"), false));
    CHECK_NOTHROW(bulk::check_delete_filter(*api::find_entity("cases"), raw("createdAfterDate=2024-01-01"), false));
    CHECK_NOTHROW(bulk::check_delete_filter(*api::find_entity("contacts"), raw("searchValue=x"), false));
}

TEST_CASE("delete by filter: page and size are refused, it walks every page itself", "[bulk]") {
    const auto& leads = *api::find_entity("leads");
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, raw("page=2"), true), Contains("every page"));
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, raw("size=5"), false), Contains("every page"));
    CHECK_THROWS_WITH(bulk::check_delete_filter(leads, raw("nokey"), false), Contains("KEY=VALUE"));
}
