// Every output format of CLI.md §4 on real server data.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace crmtest;

namespace {

void seed(const SandboxProcess& sandbox) {
    auto r = crm(sandbox, {"leads", "create", "-d",
                           R"({"title":"Zoë, \"Ltd\"","value":{"amount":100,"code":"EUR"},"owner":{"name":"Ann"}})"});
    REQUIRE(r.exit_code == 0);
    REQUIRE(crm(sandbox, {"leads", "create", "-f", "title=Plain"}).exit_code == 0);
}

}  // namespace

TEST_CASE("output: json is an array of records, ndjson one per line, ids one id per line", "[e2e][output]") {
    SandboxProcess sandbox;
    seed(sandbox);
    auto json = crm(sandbox, {"leads", "list", "-o", "json", "--order-by", "title"});
    REQUIRE(json.exit_code == 0);
    auto doc = parse(json.out);
    REQUIRE(doc.IsArray());
    CHECK(doc.Size() == 2);
    CHECK(json.out.find('\n') == json.out.size() - 1);  // compact when not a terminal

    auto nd = crm(sandbox, {"leads", "list", "-o", "ndjson"});
    CHECK(std::count(nd.out.begin(), nd.out.end(), '\n') == 2);

    auto ids = crm(sandbox, {"leads", "list", "-o", "ids"});
    CHECK(std::count(ids.out.begin(), ids.out.end(), '\n') == 2);
    CHECK(ids.out.find('{') == std::string::npos);

    auto def = crm(sandbox, {"leads", "list"});  // not a terminal: json by default
    CHECK(parse(def.out).IsArray());

    RunOptions env_output;
    env_output.env["CRM_OUTPUT"] = "ids";
    CHECK(crm(sandbox, {"leads", "list"}, env_output).out == ids.out);
}

TEST_CASE("output: csv and tsv quote, flatten and select fields", "[e2e][output]") {
    SandboxProcess sandbox;
    seed(sandbox);
    auto csv = crm(sandbox, {"leads", "list", "-o", "csv", "--fields", "title,value.amount,owner.name", "--order-by",
                             "title", "--sort", "desc"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == "title,value.amount,owner.name\n\"Zoë, \"\"Ltd\"\"\",100,Ann\nPlain,,\n");

    auto noheader = crm(sandbox, {"leads", "list", "-o", "tsv", "--fields", "title", "--no-headers", "--order-by",
                                  "title"});
    CHECK(noheader.out == "Plain\nZoë, \"Ltd\"\n");

    auto fields_json = crm(sandbox, {"leads", "list", "-o", "json", "--fields", "title,value.code", "--order-by", "title"});
    CHECK(fields_json.out == R"([{"title":"Plain","value":{"code":null}},{"title":"Zoë, \"Ltd\"","value":{"code":"EUR"}}])" "\n");
}

TEST_CASE("output: table has the entity's columns, empty results print a note on stderr only", "[e2e][output]") {
    SandboxProcess sandbox;
    auto empty = crm(sandbox, {"leads", "list", "-o", "table"});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.empty());
    CHECK_FALSE(empty.err.empty());
    CHECK(crm(sandbox, {"leads", "list", "-o", "json"}).out == "[]\n");
    CHECK(crm(sandbox, {"leads", "list", "-o", "csv", "--fields", "id"}).out == "id\n");

    seed(sandbox);
    auto table = crm(sandbox, {"leads", "list", "-o", "table"});
    CHECK(table.out.rfind("ID", 0) == 0);
    CHECK(table.out.find("TITLE") != std::string::npos);
    CHECK(table.out.find("Plain") != std::string::npos);
}

TEST_CASE("output: --raw prints the body exactly as the server sent it", "[e2e][output]") {
    SandboxProcess sandbox;
    seed(sandbox);
    auto raw = crm(sandbox, {"leads", "list", "--raw"});
    REQUIRE(raw.exit_code == 0);
    auto doc = parse(raw.out);
    CHECK(doc["items"].Size() == 2);
    CHECK(doc["total"].GetInt() == 2);
}
