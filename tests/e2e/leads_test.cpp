// Leads end to end: the real crm binary against a real crm-sandbox.
#include "e2e.h"

#include <catch2/catch.hpp>

using namespace crmtest;

TEST_CASE("leads create, get, list, update, archive, convert, delete", "[e2e][leads]") {
    SandboxProcess sandbox;
    std::string id = create_lead(sandbox, "Cloud Migration");

    auto got = crm(sandbox, {"leads", "get", id, "-o", "json"});
    REQUIRE(got.exit_code == 0);
    CHECK(std::string(parse(got.out)["title"].GetString()) == "Cloud Migration");
}
