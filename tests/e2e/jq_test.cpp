// --jq and --slurp (CLI.md §10) end to end: crm's results against the jq program's own on
// what `-o ndjson` prints, on seeded records fetched in many pages.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>
#include <unistd.h>

using namespace crmtest;

namespace {

const char* const kJq = "/usr/bin/jq";

// 100 seeded leads, fetched 7 to a page: the filter runs across page boundaries.
const std::vector<std::string> kListAll = {"leads", "list", "--all", "--size", "7"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// What jq prints for `expression` on `input` (-r: a string raw, -c: the rest compact, as crm).
std::string jq_says(const std::string& expression, const std::string& input, bool slurp = false) {
    std::vector<std::string> argv = {kJq, "-r", "-c"};
    if (slurp) argv.push_back("-s");
    argv.push_back(expression);
    RunOptions options;
    options.stdin_data = input;
    auto r = run(argv, options);
    INFO(expression << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

bool have_jq() { return ::access(kJq, X_OK) == 0; }

std::string first_id(const std::string& ndjson) {
    auto doc = parse(ndjson.substr(0, ndjson.find('\n')));
    return doc["id"].GetString();
}

}  // namespace

TEST_CASE("jq: results per record equal jq -c on the ndjson listing", "[e2e][jq]") {
    if (!have_jq()) {
        WARN("SKIP: the jq program is not installed");
        return;
    }
    SandboxProcess sandbox({"--seed-records", "400"});  // 100 leads
    auto ndjson = crm(sandbox, with(kListAll, {"-o", "ndjson"}));
    REQUIRE(ndjson.exit_code == 0);
    REQUIRE(std::count(ndjson.out.begin(), ndjson.out.end(), '\n') == 100);

    const std::vector<std::string> expressions = {
        ".title",
        ".id, .title",                                     // several results per record
        "\"\\(.id): \\(.title)\"",                         // string interpolation
        "[.id, .title, .value.amount] | @csv",             // @csv on an array
        "select(.value.amount != null and .value.amount > 50000) | {id, amount: .value.amount}",
        "select(.title | test(\"^[A-M]\"))",
        "[paths | map(tostring) | join(\".\")]",           // paths and map
        "to_entries | map(select(.value == null) | .key)",
        ".nosuchfield",                                    // null results
        ".owner.name // \"nobody\"",
        "keys_unsorted",
        "tojson",                                          // a string holding JSON, printed raw
        "select(false)",                                   // no results at all
    };
    for (const auto& expression : expressions) {
        INFO("--jq " << expression);
        auto r = crm(sandbox, with(kListAll, {"--jq", expression}));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == jq_says(expression, ndjson.out));
        CHECK(r.err.empty());
    }
    // Not a vacuous comparison: the titles really are there, one a line, raw.
    auto titles = crm(sandbox, with(kListAll, {"--jq", ".title"}));
    CHECK(std::count(titles.out.begin(), titles.out.end(), '\n') == 100);
    CHECK(titles.out.find('"') == std::string::npos);
}

TEST_CASE("jq: --slurp runs once on the whole list, as jq -s", "[e2e][jq]") {
    if (!have_jq()) {
        WARN("SKIP: the jq program is not installed");
        return;
    }
    SandboxProcess sandbox({"--seed-records", "400"});
    auto ndjson = crm(sandbox, with(kListAll, {"-o", "ndjson"}));
    REQUIRE(ndjson.exit_code == 0);
    for (const std::string expression : {"length", "map(.id)", "map(.value.amount // 0) | add",
                                         "group_by(.leadRating) | map({rating: .[0].leadRating, n: length})"}) {
        INFO("--slurp --jq " << expression);
        auto r = crm(sandbox, with(kListAll, {"--slurp", "--jq", expression}));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == jq_says(expression, ndjson.out, true));
    }
    CHECK(crm(sandbox, with(kListAll, {"--slurp", "--jq", "length"})).out == "100\n");
    // --limit and an empty listing: the array is what was listed.
    CHECK(crm(sandbox, {"leads", "list", "--limit", "12", "--size", "5", "--slurp", "--jq", "length"}).out == "12\n");
    CHECK(crm(sandbox, {"leads", "list", "--title", "no such title at all", "--slurp", "--jq", "length"}).out == "0\n");
}

TEST_CASE("jq: a single record, a created one, several ids and crm api", "[e2e][jq]") {
    SandboxProcess sandbox;
    const std::string id = create_lead(sandbox, "Cloud \"Migration\"");
    auto get = crm(sandbox, {"leads", "get", id, "--jq", ".title"});
    INFO(get.err);
    REQUIRE(get.exit_code == 0);
    CHECK(get.out == "Cloud \"Migration\"\n");  // raw, as jq -r

    auto created = crm(sandbox, {"leads", "create", "-f", "title=Second", "--jq", "{id, title}"});
    REQUIRE(created.exit_code == 0);
    auto doc = parse(created.out);
    CHECK(std::string(doc["title"].GetString()) == "Second");
    const std::string second = doc["id"].GetString();

    auto both = crm(sandbox, {"leads", "get", id, second, "--jq", ".title"});
    REQUIRE(both.exit_code == 0);
    CHECK(both.out == "Cloud \"Migration\"\nSecond\n");
    CHECK(crm(sandbox, {"leads", "get", id, second, "--slurp", "--jq", "map(.title) | join(\", \")"}).out ==
          "Cloud \"Migration\", Second\n");
    CHECK(crm(sandbox, {"leads", "get", id, "--slurp", "--jq", "length"}).out == "1\n");

    // crm api: the whole response; with --paginate, each item.
    CHECK(crm(sandbox, {"api", "/pipeline/leads?size=1", "--jq", ".items | length"}).out == "1\n");
    CHECK(crm(sandbox, {"api", "/pipeline/leads", "--paginate", "-q", "size=1", "--jq", ".title"}).out ==
          crm(sandbox, {"leads", "list", "--all", "--jq", ".title"}).out);

    // --fields first, as -o ndjson would print the records.
    CHECK(crm(sandbox, {"leads", "get", id, "--fields", "title,id", "--jq", "keys_unsorted"}).out ==
          "[\"title\",\"id\"]\n");
}

TEST_CASE("jq: a runtime error is exit 1 naming the record", "[e2e][jq]") {
    SandboxProcess sandbox({"--seed-records", "40"});
    auto ndjson = crm(sandbox, {"leads", "list", "--all", "-o", "ndjson"});
    REQUIRE(ndjson.exit_code == 0);
    const std::string first = first_id(ndjson.out);

    auto r = crm(sandbox, {"leads", "list", "--all", "--jq", ".title + 1"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("crm: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("--jq error on record " + first + ": string (") != std::string::npos);
    CHECK(r.err.find("and number (1) cannot be added") != std::string::npos);

    // The results before the failing record are printed; the error is the last line.
    auto partial = crm(sandbox, {"leads", "list", "--all", "--jq", "if .id == \"" + first + "\" then .id else error(\"stop here\") end"});
    CHECK(partial.exit_code == 1);
    CHECK(partial.out == first + "\n");
    CHECK(partial.err.find("stop here") != std::string::npos);

    // With JSON errors chosen, the record's id is a field of its own.
    auto json = crm(sandbox, {"leads", "get", first, "-o", "json", "--jq", "error(\"nope\")"});
    CHECK(json.exit_code == 1);
    auto error = parse(json.err);
    CHECK(std::string(error["error"]["id"].GetString()) == first);
    CHECK(std::string(error["error"]["message"].GetString()) == "--jq error on record " + first + ": nope");
}

TEST_CASE("jq: a compile error is exit 2 and nothing is sent", "[e2e][jq]") {
    SandboxProcess sandbox({"--seed-records", "40", "--log"});
    auto r = crm(sandbox, {"leads", "list", "--all", "--jq", ".title +"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("crm: --jq: syntax error", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

    auto undefined = crm(sandbox, {"leads", "get", "1", "--jq", "nosuch(1)"});
    CHECK(undefined.exit_code == 2);
    CHECK(undefined.err == "crm: --jq: nosuch/1 is not defined at <top-level>, line 1\n");

    auto write = crm(sandbox, {"leads", "create", "-f", "title=Never", "--jq", "{"});
    CHECK(write.exit_code == 2);
    CHECK(log_lines(sandbox, "GET ") == 0);
    CHECK(log_lines(sandbox, "POST ") == 0);
    // The log works: one listing is one GET in it.
    REQUIRE(crm(sandbox, {"leads", "list", "--jq", ".id"}).exit_code == 0);
    CHECK(log_lines(sandbox, "GET /pipeline/leads") == 1);
}

TEST_CASE("jq: a command that prints no JSON refuses --jq, exit 2, nothing sent", "[e2e][jq]") {
    SandboxProcess sandbox({"--seed-records", "40", "--log"});
    TempDir dir("jq-no-json");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"leads", "delete", "1", "--yes", "--jq", ".id"},
             {"bulk", "delete", "leads", "--ids", "2", "--yes", "--jq", "."},
             {"export", "--to", dir / "crm.sqlite", "--jq", "."},
             {"config", "set", "output", "json", "--jq", "."},
             {"completion", "bash", "--jq", "."}}) {
        auto r = crm(sandbox, args);
        INFO(args.front() << " " << args[1]);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "crm: --jq filters the JSON a command prints, and this command prints none\n");
    }
    CHECK(log_lines(sandbox, "") == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "crm.sqlite"));
    CHECK(crm(sandbox, {"leads", "get", "1", "--jq", ".id"}).out == "1\n");  // not deleted
}

TEST_CASE("jq: with -o, --slurp alone and --raw", "[e2e][jq]") {
    SandboxProcess sandbox({"--log"});
    const std::vector<std::string> list = {"leads", "list", "--all"};
    // -o csv and --jq contradict each other on one command line: exit 2, nothing sent.
    auto csv = crm(sandbox, with(list, {"-o", "csv", "--jq", ".id"}));
    CHECK(csv.exit_code == 2);
    CHECK(csv.err.find("cannot be combined with -o csv") != std::string::npos);
    CHECK(crm(sandbox, with(list, {"-o", "table", "--jq", ".id"})).exit_code == 2);
    CHECK(crm(sandbox, with(list, {"--slurp"})).exit_code == 2);  // --slurp needs --jq
    CHECK(crm(sandbox, with(list, {"--raw", "--jq", "."})).exit_code == 2);
    CHECK(log_lines(sandbox, "GET ") == 0);

    create_lead(sandbox, "Only");
    // json and ndjson agree with --jq; a format from the environment is only a default.
    CHECK(crm(sandbox, with(list, {"-o", "json", "--jq", ".title"})).out == "Only\n");
    CHECK(crm(sandbox, with(list, {"-o", "ndjson", "--jq", ".title"})).out == "Only\n");
    RunOptions table;
    table.env["CRM_OUTPUT"] = "table";
    CHECK(crm(sandbox, with(list, {"--jq", ".title"}), table).out == "Only\n");
}

TEST_CASE("jq: a reader that goes away stops endless results, exit 0", "[e2e][jq]") {
    SandboxProcess sandbox;
    const std::string id = create_lead(sandbox, "Endless");
    RunOptions options = env_for(sandbox);
    options.timeout_ms = 20000;  // a billion lines would take minutes: this fails long before
    auto r = run({"/bin/bash", "-c", "set -o pipefail; \"$0\" leads get \"$1\" --jq 'range(1e9)' | head -2", CRM_BIN, id},
                 options);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "0\n1\n");
}

TEST_CASE("jq: debug output goes to stderr through crm, results to stdout", "[e2e][jq]") {
    SandboxProcess sandbox;
    const std::string id = create_lead(sandbox, "Debugged");
    auto r = crm(sandbox, {"leads", "get", id, "--jq", ".title | debug | ascii_downcase"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "debugged\n");
    CHECK(r.err == "[\"DEBUG:\",\"Debugged\"]\n");
}
