// Request building from the resource table: pure, exact.
#include "api/requests.h"
#include "api/resources.h"
#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm;
using namespace crm::api;

namespace {

std::string query_of(const http::Request& r) {
    std::string s;
    for (const auto& [k, v] : r.query) s += (s.empty() ? "" : "&") + k + "=" + v;
    return s;
}

}  // namespace

TEST_CASE("every entity of CLI.md section 1 is in the table, with its aliases", "[api]") {
    REQUIRE(find_entity("leads"));
    CHECK(find_entity("opps") == find_entity("opportunities"));
    CHECK(find_entity("organizations") == find_entity("orgs"));
    CHECK(find_entity("contacts")->path == "/directory/contacts");
    CHECK(find_entity("cases")->bulk_path == "/cases/bulk-actions");
    CHECK(find_entity("orgs")->bulk_entity == "organization");
    CHECK(find_entity("leads")->form_path == find_entity("opportunities")->form_path);
    CHECK(find_entity("cases")->form_path.empty());
    CHECK(find_entity("types") == nullptr);  // only reachable through cases
    CHECK(entity_names() == std::vector<std::string>{"leads", "opportunities", "contacts", "orgs", "cases"});
}

TEST_CASE("list request carries paging, sort and named filters in order", "[api]") {
    const auto& leads = *find_entity("leads");
    ListParams p;
    p.sort = "DESC";
    p.order_by = "createdAt";
    p.named = {{"title", {"Cloud"}}, {"tags", {"a,b", "c"}}, {"archived", {"true"}}};
    p.raw = {"custom=x=y"};
    auto r = list_request(leads, p, 2, 50);
    CHECK(r.method == "GET");
    CHECK(r.path == "/pipeline/leads");
    CHECK(query_of(r) == "page=2&size=50&sort=desc&orderBy=createdAt&title=Cloud&tags=a,b,c&isArchived=true&custom=x=y");
}

TEST_CASE("list filters are validated before anything is sent", "[api]") {
    const auto& cases = *find_entity("cases");
    ListParams p;
    p.named = {{"created-after", {"2024-13-01"}}};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
    p.named = {{"created-after", {"2024-01-31T12:00:00Z"}}, {"offset", {"20"}}};
    CHECK(query_of(list_request(cases, p, 1, std::nullopt)) == "page=1&createdAfterDate=2024-01-31T12:00:00Z&offset=20");
    p.named = {{"offset", {"-1"}}};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
    p.named = {};
    p.raw = {"novalue"};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
    p.raw = {};
    p.sort = "up";
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
}

TEST_CASE("ISO 8601 dates and date-times", "[api]") {
    CHECK(is_iso8601("2023-01-01"));
    CHECK(is_iso8601("2023-01-01T00:00:00Z"));
    CHECK(is_iso8601("2023-12-31T23:59:59.123+02:00"));
    CHECK(is_iso8601("2023-12-31T23:59"));
    CHECK_FALSE(is_iso8601("2023-1-01"));
    CHECK_FALSE(is_iso8601("yesterday"));
    CHECK_FALSE(is_iso8601("2023-01-01T25:00:00Z"));
}

TEST_CASE("ids in paths are percent-encoded", "[api]") {
    const auto& leads = *find_entity("leads");
    CHECK(item_path(leads, "42") == "/pipeline/leads/42");
    CHECK(item_path(leads, "a/b c") == "/pipeline/leads/a%2Fb%20c");
}

TEST_CASE("comma lists are split and trimmed", "[api]") {
    CHECK(split_list(" a, b,,c ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("").empty());
}
