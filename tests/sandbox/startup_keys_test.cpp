// Start-up contract (CLI.md §9), keys, unknown routes, options.
#include "http_helpers.h"
#include "support/process.h"

#include <catch2/catch.hpp>
#include <regex>

using crmtest::SandboxProcess;
using sbt::Http;

static const char* kDenied =
    "{\"statusCode\":401,\"message\":\"Access denied due to invalid subscription key. Make sure to provide a "
    "valid key for an active subscription.\"}";

TEST_CASE("start-up prints exactly the three export lines") {
    // Run it by hand to see the raw stdout: three lines, then SIGTERM ends it with status 0.
    SandboxProcess sb({"--primary-key", "prim-123", "--secondary-key", "sec-456"});
    CHECK(std::regex_match(sb.base_url(), std::regex(R"(http://127\.0\.0\.1:\d+)")));
    CHECK(sb.port() > 0);
    CHECK(sb.api_key() == "prim-123");
    CHECK(sb.readonly_key() == "sec-456");
    Http h(sb);
    CHECK(h.get("/pipeline/leads").status == 200);
}

TEST_CASE("start-up lines are the whole stdout, and random keys differ") {
    // Start it, wait for three lines, give it a moment to write anything more, stop it.
    std::string script = std::string("out=$(mktemp); \"") + CRM_SANDBOX_BIN +
                         "\" --port 0 > \"$out\" & pid=$!; "
                         "i=0; while [ $(wc -l < \"$out\") -lt 3 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; "
                         "sleep 0.3; kill $pid; wait $pid; cat \"$out\"; rm -f \"$out\"";
    auto r = crmtest::run({"/bin/sh", "-c", script});
    std::regex three(R"(export CRM_BASE_URL='http://127\.0\.0\.1:\d+'\nexport CRM_API_KEY='([0-9a-f]{32})'\n)"
                     R"(export CRM_READONLY_KEY='([0-9a-f]{32})'\n)");
    std::smatch m;
    REQUIRE(std::regex_match(r.out, m, three));
    CHECK(m[1] != m[2]);
}

TEST_CASE("start-up lines are shell-quoted: eval \"$(crm-sandbox ... &)\" returns and reads keys of any characters") {
    const std::string primary = "a b$c'd\"e`f\\g;h|i&j*k?[l]{m}(n)<o>~!#%^$(touch /nonexistent/x)'\\''";
    const std::string secondary = "''";
    // eval "$(... &)" only returns once stdout is closed: the sandbox lets it go after its lines.
    std::string script = std::string("eval \"$(\"") + CRM_SANDBOX_BIN +
                         "\" --port 0 --primary-key \"$K1\" --secondary-key \"$K2\" 2>/dev/null & "
                         "echo sandbox_pid=$!)\"; printf '%s\\n%s\\n%s\\n' \"$CRM_API_KEY\" \"$CRM_READONLY_KEY\" "
                         "\"$CRM_BASE_URL\"; kill \"$sandbox_pid\"";
    crmtest::RunOptions opts;
    opts.env = {{"K1", primary}, {"K2", secondary}};
    opts.timeout_ms = 20000;
    auto r = crmtest::run({"/bin/bash", "-c", script}, opts);
    CHECK(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_match(r.out, m, std::regex(R"(([^\n]*)\n([^\n]*)\n(http://127\.0\.0\.1:\d+)\n)")));
    CHECK(m[1] == primary);
    CHECK(m[2] == secondary);
    // The tests' own reader of the lines (tests/support) unquotes them the same way.
    SandboxProcess sb({"--primary-key", primary, "--secondary-key", secondary});
    CHECK(sb.api_key() == primary);
    CHECK(sb.readonly_key() == secondary);
    CHECK(Http(sb).get("/pipeline/leads").status == 200);
    CHECK(Http(sb, secondary).post("/pipeline/leads", R"({"title":"x"})").status == 403);
    // A key that cannot be one line (nor an HTTP header) is refused.
    auto bad = crmtest::run({CRM_SANDBOX_BIN, "--primary-key", "two\nlines"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--primary-key must not hold control characters") != std::string::npos);
}

TEST_CASE("SIGTERM and SIGINT stop it cleanly, exit status 0") {
    for (const char* sig : {"TERM", "INT"}) {
        INFO(sig);
        // sh: start it, wait for its lines, signal it, report its exit status.
        std::string script = std::string("out=$(mktemp); \"") + CRM_SANDBOX_BIN +
                             "\" --port 0 > \"$out\" & pid=$!; "
                             "i=0; while [ $(wc -l < \"$out\") -lt 3 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; "
                             "kill -" + sig + " $pid; wait $pid; echo rc=$?; rm -f \"$out\"";
        auto r = crmtest::run({"/bin/sh", "-c", script});
        CHECK(r.out == "rc=0\n");
    }
}

TEST_CASE("a SIGTERM as soon as the start-up lines are read still stops it") {
    // eval returns the moment the sandbox lets stdout go, just before it starts listening; a
    // signal then used to be taken while stop() had nothing to stop yet, and it ran on.
    std::string script = std::string("for i in 1 2 3 4 5 6 7 8 9 10; do "
                                     "eval \"$(\"") + CRM_SANDBOX_BIN + "\" --port 0 2>/dev/null & echo pid=$!)\"; "
                         "kill $pid; n=0; "
                         // Running, not a zombie waiting for init (the sandbox is no child of ours).
                         "running() { case $(ps -o stat= -p $pid) in ''|Z*) return 1;; esac; }; "
                         "while running && [ $n -lt 500 ]; do sleep 0.01; n=$((n+1)); done; "
                         "if running; then kill -9 $pid; echo hung; fi; "
                         "done; echo finished";
    auto r = crmtest::run({"/bin/bash", "-c", script});
    CHECK(r.out == "finished\n");
}

TEST_CASE("HEAD works wherever GET does") {
    SandboxProcess sb;
    httplib::Client c(sb.base_url());
    auto r = c.Head("/pipeline/leads", {{"Ocp-Apim-Subscription-Key", sb.readonly_key()}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body.empty());
}

TEST_CASE("options: --help and bad options") {
    auto help = crmtest::run({CRM_SANDBOX_BIN, "--help"});
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--drop-rate", "--list-shape items|paged", "--max-page-size N", "--quota N/SECONDS",
                             "--record FILE", "1 MiB"})
        CHECK(help.out.find(flag) != std::string::npos);
    auto bad = crmtest::run({CRM_SANDBOX_BIN, "--fail-rate", "2"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--fail-rate") != std::string::npos);
    auto unknown = crmtest::run({CRM_SANDBOX_BIN, "--nope"});
    CHECK(unknown.exit_code == 2);
}

TEST_CASE("keys: primary reads and writes, in the header or the query") {
    SandboxProcess sb;
    for (bool in_query : {false, true}) {
        Http h(sb, sb.api_key(), in_query);
        auto c = h.post("/pipeline/leads", R"({"title":"by primary"})");
        CHECK(c.status == 201);
        CHECK(h.get("/pipeline/leads/" + c.id()).status == 200);
        CHECK(h.del("/pipeline/leads/" + c.id()).status == 204);
    }
}

TEST_CASE("keys: secondary reads only, 403 on every write") {
    SandboxProcess sb;
    auto id = Http(sb).post("/directory/contacts", R"({"name":"Ro"})").id();
    for (bool in_query : {false, true}) {
        Http ro(sb, sb.readonly_key(), in_query);
        CHECK(ro.get("/directory/contacts").status == 200);
        CHECK(ro.get("/directory/contacts/" + id).status == 200);
        for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
                 {"POST", "/directory/contacts"},
                 {"PATCH", "/directory/contacts/" + id},
                 {"DELETE", "/directory/contacts/" + id},
                 {"PUT", "/directory/forms/contacts"},
                 {"POST", "/directory/bulk-actions"}}) {
            auto r = ro.send(method, path, R"({"name":"x"})");
            CHECK(r.status == 403);
            CHECK(std::string(r.json["message"].GetString()).find("read-only") != std::string::npos);
        }
    }
    CHECK(Http(sb).get("/directory/contacts/" + id).status == 200);  // nothing was deleted
}

TEST_CASE("keys: none or wrong → 401 with the gateway body") {
    SandboxProcess sb;
    for (const std::string& key : {std::string(), std::string("wrong"), sb.api_key() + "x"}) {
        for (bool in_query : {false, true}) {
            Http h(sb, key, in_query);
            auto r = h.get("/pipeline/leads");
            CHECK(r.status == 401);
            CHECK(r.body == kDenied);
            CHECK(h.post("/pipeline/leads", R"({"title":"x"})").status == 401);
        }
    }
    CHECK(Http(sb).get("/pipeline/leads").count() == 0);
}

TEST_CASE("unknown routes and methods answer JSON errors") {
    SandboxProcess sb;
    Http h(sb);
    auto r = h.get("/pipeline/nothing");
    CHECK(r.status == 404);
    CHECK(r.json["statusCode"].GetInt() == 404);
    CHECK(h.get("/").status == 404);
    auto m = h.send("PUT", "/pipeline/leads", "{}");
    CHECK(m.status == 405);
    CHECK(m.json.HasMember("message"));
}
