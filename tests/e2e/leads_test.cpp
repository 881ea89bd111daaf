// Leads end to end: the real crm binary against a real crm-sandbox, checking stdout, stderr,
// exit codes and what the server holds afterwards.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace crmtest;

namespace {

// What the server holds, read back through crm itself.
rapidjson::Document get_lead(const SandboxProcess& sandbox, const std::string& id) {
    auto r = crm(sandbox, {"leads", "get", id, "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return parse(r.out);
}

}  // namespace

TEST_CASE("leads: create with -d, -f and -F, then get shows what was sent", "[e2e][leads]") {
    SandboxProcess sandbox;
    auto r = crm(sandbox, {"leads", "create", "-d", R"({"title":"Cloud Migration","value":{"code":"USD"}})", "-F",
                           "value.amount=25000", "-f", "origin=referral", "-F", "tags[]=hot", "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto created = parse(r.out);
    REQUIRE(created["id"].IsString());
    auto lead = get_lead(sandbox, created["id"].GetString());
    CHECK(std::string(lead["title"].GetString()) == "Cloud Migration");
    CHECK(lead["value"]["amount"].GetInt() == 25000);
    CHECK(std::string(lead["value"]["code"].GetString()) == "USD");
    CHECK(std::string(lead["origin"].GetString()) == "referral");
    CHECK(std::string(lead["tags"][0].GetString()) == "hot");
}

TEST_CASE("leads: the API reference's example body works as it is, from a file", "[e2e][leads]") {
    SandboxProcess sandbox;
    auto path = std::filesystem::temp_directory_path() / ("crm-e2e-lead-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream f(path);
        f << R"({ "title": "Cloud Migration Project - Acme Corp", "value": { "amount": 25000, "code": "USD" },
  "origin": "referral", "leadRating": "2_warm", "note": "Referred by John Smith.",
  "owner": { "id": "789", "name": "Sarah Lee", "email": "sarah.lee@example.com" },
  "customFields": { "3bf89603-37c2-4324-b3bf-665b7e35be23": "2025-02-20", //Date
  } })";
    }
    auto r = crm(sandbox, {"leads", "create", "-d", "@" + path.string(), "-o", "json"});
    std::filesystem::remove(path);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto lead = parse(r.out);
    CHECK(std::string(lead["owner"]["name"].GetString()) == "Sarah Lee");
    CHECK(std::string(lead["customFields"]["3bf89603-37c2-4324-b3bf-665b7e35be23"].GetString()) == "2025-02-20");
}

TEST_CASE("leads: body from standard input with -d @-", "[e2e][leads]") {
    SandboxProcess sandbox;
    RunOptions in;
    in.stdin_data = R"({"title":"From stdin"})";
    auto r = crm(sandbox, {"leads", "create", "-d", "@-", "-o", "json"}, in);
    REQUIRE(r.exit_code == 0);
    CHECK(std::string(parse(r.out)["title"].GetString()) == "From stdin");
}

TEST_CASE("leads: list filters, paging, sort, --all and --limit", "[e2e][leads]") {
    SandboxProcess sandbox;
    std::vector<std::string> ids;
    for (int i = 0; i < 7; ++i) ids.push_back(create_lead(sandbox, (i % 2 ? "Cloud deal " : "Other deal ") + std::to_string(i)));
    REQUIRE(crm(sandbox, {"leads", "archive", ids[0]}).exit_code == 0);

    auto all = crm(sandbox, {"leads", "list", "--all", "--size", "2", "-o", "json"});
    REQUIRE(all.exit_code == 0);
    CHECK(parse(all.out).Size() == 7);

    auto limited = crm(sandbox, {"leads", "list", "--limit", "3", "--size", "2", "-o", "ids"});
    REQUIRE(limited.exit_code == 0);
    CHECK(std::count(limited.out.begin(), limited.out.end(), '\n') == 3);

    auto page2 = crm(sandbox, {"leads", "list", "--page", "2", "--size", "5", "-o", "json"});
    CHECK(parse(page2.out).Size() == 2);

    auto cloud = crm(sandbox, {"leads", "list", "--title", "cloud", "-o", "json"});
    CHECK(parse(cloud.out).Size() == 3);

    auto archived = crm(sandbox, {"leads", "list", "--archived", "true", "-o", "ids"});
    CHECK(archived.out == ids[0] + "\n");

    auto sorted = crm(sandbox, {"leads", "list", "--order-by", "title", "--sort", "DESC", "--limit", "1", "-o", "json"});
    CHECK(std::string(parse(sorted.out)[0]["title"].GetString()) == "Other deal 6");

    auto raw_filter = crm(sandbox, {"leads", "list", "--filter", "isArchived=false", "-o", "json"});
    CHECK(parse(raw_filter.out).Size() == 6);
}

TEST_CASE("leads: update is partial, archive/unarchive toggle, convert makes an opportunity once", "[e2e][leads]") {
    SandboxProcess sandbox;
    auto r = crm(sandbox, {"leads", "create", "-d", R"({"title":"T","note":"keep me","custom":"x"})", "-o", "json"});
    std::string id = parse(r.out)["id"].GetString();

    REQUIRE(crm(sandbox, {"leads", "update", id, "-f", "title=Renamed"}).exit_code == 0);
    auto lead = get_lead(sandbox, id);
    CHECK(std::string(lead["title"].GetString()) == "Renamed");
    CHECK(std::string(lead["note"].GetString()) == "keep me");
    CHECK(std::string(lead["custom"].GetString()) == "x");

    REQUIRE(crm(sandbox, {"leads", "archive", id}).exit_code == 0);
    CHECK(get_lead(sandbox, id)["isArchived"].GetBool());
    REQUIRE(crm(sandbox, {"leads", "unarchive", id}).exit_code == 0);
    CHECK_FALSE(get_lead(sandbox, id)["isArchived"].GetBool());

    auto converted = crm(sandbox, {"leads", "convert", id, "-o", "json"});
    INFO(converted.err);
    REQUIRE(converted.exit_code == 0);
    auto opp = parse(converted.out);
    CHECK(std::string(opp["title"].GetString()) == "Renamed");
    auto held = crm(sandbox, {"opportunities", "get", opp["id"].GetString(), "-o", "json"});
    CHECK(held.exit_code == 0);
    CHECK(get_lead(sandbox, id)["isConverted"].GetBool());

    auto again = crm(sandbox, {"leads", "convert", id});
    CHECK(again.exit_code == 5);  // 409 Conflict
    CHECK(again.err.find("HTTP 409") != std::string::npos);
}

TEST_CASE("leads: get and archive several ids concurrently, a missing one is a partial failure", "[e2e][leads]") {
    SandboxProcess sandbox;
    std::string a = create_lead(sandbox, "A"), b = create_lead(sandbox, "B");
    auto both = crm(sandbox, {"leads", "get", a, b, "-o", "json"});
    REQUIRE(both.exit_code == 0);
    auto list = parse(both.out);
    REQUIRE(list.Size() == 2);
    CHECK(std::string(list[0]["title"].GetString()) == "A");  // in the order asked
    CHECK(std::string(list[1]["title"].GetString()) == "B");

    auto partial = crm(sandbox, {"leads", "archive", a, "999999", b, "-o", "ids"});
    CHECK(partial.exit_code == 9);
    CHECK(partial.out == a + "\n" + b + "\n");
    CHECK(partial.err.find("999999") != std::string::npos);
    CHECK(get_lead(sandbox, a)["isArchived"].GetBool());
    CHECK(get_lead(sandbox, b)["isArchived"].GetBool());
}

TEST_CASE("leads: delete needs --yes off a terminal and sends nothing without it", "[e2e][leads]") {
    SandboxProcess sandbox;
    std::string id = create_lead(sandbox, "Doomed");
    auto refused = crm(sandbox, {"leads", "delete", id});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--yes") != std::string::npos);
    CHECK(crm(sandbox, {"leads", "get", id}).exit_code == 0);

    auto deleted = crm(sandbox, {"leads", "delete", id, "--yes"});
    INFO(deleted.err);
    CHECK(deleted.exit_code == 0);
    auto gone = crm(sandbox, {"leads", "get", id});
    CHECK(gone.exit_code == 4);
    CHECK(gone.err.find("HTTP 404, GET /pipeline/leads/" + id) != std::string::npos);
}

TEST_CASE("leads: --dry-run prints a curl command and sends nothing", "[e2e][leads]") {
    SandboxProcess sandbox({"--log"});
    auto r = crm(sandbox, {"leads", "create", "-f", "title=Dry", "--dry-run"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("curl") == 0);
    CHECK(r.out.find("$CRM_API_KEY") != std::string::npos);
    CHECK(r.out.find(sandbox.base_url() + "/pipeline/leads") != std::string::npos);
    auto list = crm(sandbox, {"leads", "list", "-o", "json"});
    CHECK(parse(list.out).Size() == 0);
    CHECK(sandbox.stderr_text().find("POST") == std::string::npos);
}

TEST_CASE("crm api: raw requests, query parameters and --paginate", "[e2e][api]") {
    SandboxProcess sandbox({"--list-shape", "paged"});
    for (int i = 0; i < 5; ++i) create_lead(sandbox, "Api " + std::to_string(i));
    auto one = crm(sandbox, {"api", "/pipeline/leads?size=2", "-q", "page=1"});
    REQUIRE(one.exit_code == 0);
    auto doc = parse(one.out);
    CHECK(doc["items"].Size() == 2);
    CHECK(doc["total"].GetInt() == 5);

    auto all = crm(sandbox, {"api", "/pipeline/leads", "-q", "size=2", "--paginate"});
    REQUIRE(all.exit_code == 0);
    CHECK(parse(all.out).Size() == 5);

    auto created = crm(sandbox, {"api", "-X", "POST", "/pipeline/leads", "-f", "title=Via api"});
    REQUIRE(created.exit_code == 0);
    CHECK(std::string(parse(created.out)["item"]["title"].GetString()) == "Via api");

    auto missing = crm(sandbox, {"api", "/pipeline/leads/nope"});
    CHECK(missing.exit_code == 4);
}

TEST_CASE("leads: --all over many pages yields every record once, in order, with or without a total", "[e2e][leads]") {
    // items: what the reference documents (one page at a time); paged: a total lets crm fetch
    // several pages at once.
    for (std::string shape : {"items", "paged"}) {
        INFO("--list-shape " << shape);
        SandboxProcess sandbox({"--seed-records", "9400", "--latency-ms", "5", "--list-shape", shape});  // 2,350 leads
        const int total = 2350;

        // The order the server gives, one big page at a time.
        std::string expected;
        for (int page = 1; page <= 3; ++page) {
            auto r = crm(sandbox, {"leads", "list", "--page", std::to_string(page), "--size", "1000", "-o", "ids"});
            REQUIRE(r.exit_code == 0);
            expected += r.out;
        }
        REQUIRE(std::count(expected.begin(), expected.end(), '\n') == total);

        auto all = crm(sandbox, {"leads", "list", "--all", "--size", "100", "-o", "ids"});
        REQUIRE(all.exit_code == 0);
        CHECK(all.out == expected);

        auto limited = crm(sandbox, {"leads", "list", "--limit", "1234", "--size", "100", "-o", "ids"});
        REQUIRE(limited.exit_code == 0);
        CHECK(limited.out == expected.substr(0, limited.out.size()));
        CHECK(std::count(limited.out.begin(), limited.out.end(), '\n') == 1234);

        auto from_page = crm(sandbox, {"leads", "list", "--all", "--page", "23", "--size", "100", "-o", "ids"});
        CHECK(std::count(from_page.out.begin(), from_page.out.end(), '\n') == 150);  // pages 23 and 24
    }
}
