// Every output format of CLI.md §4 on real server data.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace crmtest;
namespace fs = std::filesystem;

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
    CHECK(doc.MemberCount() == 1);  // exactly what the server sent: the reference's {"items": [...]}
}

namespace {

// Runs a bash script with crm's environment for this sandbox; "$CRM" is the binary under test.
RunResult bash(const SandboxProcess& sandbox, const std::string& script, RunOptions options = {}) {
    RunOptions merged = env_for(sandbox);
    merged.env["CRM"] = CRM_BIN;
    for (auto& [k, v] : options.env) merged.env[k] = v;
    merged.cwd = options.cwd;
    return run({"/bin/bash", "-c", script}, merged);
}

// Access-log lines of list requests for leads ("GET /pipeline/leads 200 …").
size_t lead_list_requests(const SandboxProcess& sandbox) {
    std::istringstream log(sandbox.stderr_text());
    std::string line;
    size_t n = 0;
    while (std::getline(log, line)) n += line.rfind("GET /pipeline/leads ", 0) == 0;
    return n;
}

constexpr std::string_view kLeadHeader = "id,title,value.amount,value.code,leadRating,owner.name,isArchived";


std::string slurp(const fs::path& path) {
    std::ifstream file(path);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("output: csv columns do not depend on the first record", "[e2e][output]") {
    SandboxProcess sandbox;
    auto empty = crm(sandbox, {"leads", "list", "-o", "csv"});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out == std::string(kLeadHeader) + "\n");  // the known columns, even with no records

    REQUIRE(crm(sandbox, {"leads", "create", "-f", "title=A plain"}).exit_code == 0);
    REQUIRE(crm(sandbox, {"leads", "create", "-f", "title=B noted", "-f", "note=kept"}).exit_code == 0);

    auto one_page = crm(sandbox, {"leads", "list", "-o", "csv", "--order-by", "title"});
    REQUIRE(one_page.exit_code == 0);
    const std::string header = one_page.out.substr(0, one_page.out.find('\n'));
    CHECK(header.rfind(std::string(kLeadHeader) + ",", 0) == 0);
    CHECK(header.find(",note") != std::string::npos);
    CHECK(one_page.out.find("kept") != std::string::npos);
    CHECK(one_page.err.empty());

    // Page one holds only "A plain": the note of page two cannot be in the header, and says so.
    auto paged = crm(sandbox, {"leads", "list", "-o", "csv", "--order-by", "title", "--all", "--size", "1"});
    REQUIRE(paged.exit_code == 0);
    CHECK(paged.out.find("kept") == std::string::npos);
    CHECK(paged.err == "crm: warning: field 'note' first appears after the first page and is not in the csv header; "
                       "name it in --fields to include it\n");
}

TEST_CASE("output: --fields paths are trimmed, and empty or malformed ones are usage errors", "[e2e][output]") {
    SandboxProcess sandbox;
    REQUIRE(crm(sandbox, {"leads", "create", "-f", "title=T"}).exit_code == 0);
    CHECK(crm(sandbox, {"leads", "list", "-o", "csv", "--fields", " id , title "}).out.rfind("id,title\n", 0) == 0);
    for (const char* bad : {"id,,title", ".a", "a..b", "a.", "id, "}) {
        INFO(bad);
        auto r = crm(sandbox, {"leads", "list", "-o", "csv", "--fields", bad});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("crm: --fields", 0) == 0);
    }
}

TEST_CASE("output: a table shows control characters from the server escaped", "[e2e][output]") {
    SandboxProcess sandbox;
    REQUIRE(crm(sandbox, {"leads", "create", "-d", R"({"title":"\u001b[2J\ncrm: fake"})"}).exit_code == 0);
    auto table = crm(sandbox, {"leads", "list", "-o", "table", "--fields", "title"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out == "TITLE\n\\e[2J\\ncrm: fake\n");

    auto json = crm(sandbox, {"leads", "list", "-o", "json"});  // the data itself stays exact
    CHECK(std::string(parse(json.out)[0]["title"].GetString()) == "\x1b[2J\ncrm: fake");
}

TEST_CASE("output: a write error stops crm with exit 1", "[e2e][output]") {
    SandboxProcess sandbox({"--seed-records", "400"});  // 100 leads
    auto full = bash(sandbox, R"("$CRM" leads list --all -o csv > /dev/full)");
    CHECK(full.exit_code == 1);
    CHECK(full.err == "crm: write error: No space left on device\n");

    auto closed = bash(sandbox, R"("$CRM" leads list -o csv >&-)");
    CHECK(closed.exit_code == 1);
    CHECK(closed.err == "crm: write error: Bad file descriptor\n");
}

TEST_CASE("output: a reader that goes away ends the listing quietly, with exit 0", "[e2e][output]") {
    // 300 leads in 30 pages; the latency lets `head` exit before the second page is written.
    SandboxProcess sandbox({"--seed-records", "1200", "--latency-ms", "20", "--log"});
    const std::string list = R"("$CRM" leads list --all --size 10 -o ndjson | head -1)";
    for (const std::string& parent : {std::string("trap '' PIPE; "), std::string()}) {
        INFO("parent: " << parent);
        const size_t before = lead_list_requests(sandbox);
        auto r = bash(sandbox, "set -o pipefail; " + parent + list);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
        CHECK(lead_list_requests(sandbox) - before <= 3);
    }
}

TEST_CASE("output: --output-file replaces the file only when the command succeeded", "[e2e][output]") {
    SandboxProcess sandbox;
    seed(sandbox);
    TempDir dir("output-file");
    const fs::path file = dir.path / "leads.csv";

    auto ok = crm(sandbox, {"leads", "list", "-o", "csv", "--order-by", "title", "--output-file", file.string()});
    REQUIRE(ok.exit_code == 0);
    CHECK(ok.out.empty());
    CHECK(slurp(file) == crm(sandbox, {"leads", "list", "-o", "csv", "--order-by", "title"}).out);
    CHECK(dir.names() == std::vector<std::string>{"leads.csv"});

    std::ofstream(dir.path / "lead.json") << "previous export\n";
    auto missing = crm(sandbox, {"leads", "get", "999", "--output-file", (dir.path / "lead.json").string()});
    CHECK(missing.exit_code == 4);
    CHECK(slurp(dir.path / "lead.json") == "previous export\n");
    CHECK(dir.names() == std::vector<std::string>{"lead.json", "leads.csv"});

    auto nowhere = crm(sandbox, {"leads", "list", "--output-file", (dir.path / "no" / "such.json").string()});
    CHECK(nowhere.exit_code == 1);
    CHECK(nowhere.err.find("cannot write " + (dir.path / "no" / "such.json").string()) != std::string::npos);
}
