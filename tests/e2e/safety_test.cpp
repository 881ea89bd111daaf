// "Never silently wrong" (CLI.md §2, §5, §7): the slips a script or cron job can make, and the
// server shapes it can meet, each end with a clear line and the documented exit code, and
// nothing sent that should not be. The server's view is asserted from its access log.
#include "e2e.h"
#include "support/fake_server.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace crmtest;

namespace {

RunResult crm_at(const std::string& url, const std::vector<std::string>& args, RunOptions options = {}) {
    options.env.insert({{"CRM_BASE_URL", url}, {"CRM_API_KEY", "fake-server-key-0000"}, {"CRM_RETRIES", "0"},
                        {"XDG_CONFIG_HOME", "/nonexistent-crm-config"}});
    options.unset_env.insert(options.unset_env.end(), {"CRM_PROFILE", "CRM_OUTPUT", "CRM_AUTH"});
    return run_crm(args, options);
}

int query_int(const httplib::Request& request, const char* name, int fallback) {
    return request.has_param(name) ? std::stoi(request.get_param_value(name)) : fallback;
}

// GET /pipeline/leads over `records` leads, serving at most `cap` a page whatever size asks,
// with `"total": total` when total >= 0 (a server that under-reports).
void serve_leads(httplib::Server& server, int records, int cap, int total = -1) {
    server.Get("/pipeline/leads", [=](const httplib::Request& request, httplib::Response& response) {
        const int size = std::min(query_int(request, "size", 10), cap);
        const int first = (query_int(request, "page", 1) - 1) * size;
        std::string body = R"({"items":[)";
        for (int i = first; i < std::min(first + size, records); ++i)
            body += fmt::format(R"({}{{"id":"{}","title":"t"}})", i > first ? "," : "", i + 1);
        body += "]";
        if (total >= 0) body += fmt::format(R"(,"total":{})", total);
        response.set_content(body + "}", "application/json");
    });
}

size_t count_lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

size_t count_seen(const FakeServer& server, const std::string& line) {
    auto seen = server.seen();
    return static_cast<size_t>(std::count(seen.begin(), seen.end(), line));
}

}  // namespace

TEST_CASE("safety: an empty filter value is a usage error and sends nothing", "[e2e][safety]") {
    SandboxProcess sandbox({"--log"});
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"leads", "list", "--tags", ""},
             {"leads", "list", "--title", ""},
             {"leads", "list", "--tags", " , "},
             {"leads", "list", "--filter", "isArchived="},
             {"leads", "list", "--fields", "id,,title"},
             {"cases", "list", "--created-after", ""}}) {
        auto r = crm(sandbox, args);
        INFO(args[2] << " " << args[3] << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK((r.err.find("empty") != std::string::npos || r.err.find("--fields") != std::string::npos));
    }
    CHECK(log_lines(sandbox, "GET ") == 0);
}

TEST_CASE("safety: an empty, blank or control-character id never reaches the collection", "[e2e][safety]") {
    SandboxProcess sandbox({"--log"});
    std::string id = create_lead(sandbox, "keep me");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"leads", "get", ""},
             {"leads", "get", id, " "},
             {"leads", "delete", "", "--yes"},
             {"leads", "delete", id, "", "--yes"},
             {"leads", "update", "", "-f", "title=x"},
             {"leads", "archive", ""},
             {"leads", "convert", "\t"},
             {"leads", "get", "4\n2"},
             {"leads", "delete", "..", "--yes"},
             {"leads", "get", "."},
             {"opps", "status", "", "won"},
             {"contacts", "merge", "", "--source", id, "--yes"},
             {"contacts", "merge", id, "--source", "1,\x1b", "--yes"},
             {"tags", "delete", "leads", "", "--yes"},
             {"cases", "types", "get", ""}}) {
        auto r = crm(sandbox, args);
        INFO(args[0] << " " << args[1] << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
    }
    // Only the create reached the server; the lead is still there.
    CHECK(log_lines(sandbox, "GET ") == 0);
    CHECK(log_lines(sandbox, "DELETE ") == 0);
    CHECK(log_lines(sandbox, "PATCH ") == 0);
    CHECK(log_lines(sandbox, "POST ") == 1);
    CHECK(crm(sandbox, {"leads", "get", id}).exit_code == 0);
}

TEST_CASE("paging: a server that caps the page size is walked to the end", "[e2e][safety][paging]") {
    // crm asks for 1000 a page; the server serves 100.
    FakeServer server([](httplib::Server& s) { serve_leads(s, 250, 100); });
    auto r = crm_at(server.url(), {"leads", "list", "--all", "-o", "ids"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 250);
    CHECK(r.out.rfind("250\n") == r.out.size() - 4);
    // 100 + 100 + 50: the short third page ends it. Without a total the window of 4 guesses
    // ahead: at most 3 requests past the end.
    CHECK(server.seen().size() >= 3);
    CHECK(server.seen().size() <= 3 + 3);
    FakeServer one_by_one([](httplib::Server& s) { serve_leads(s, 250, 100); });
    const auto in_order = crm_at(one_by_one.url(), {"leads", "list", "--all", "-o", "ids", "--parallel", "1"});
    CHECK(in_order.out == r.out);
    CHECK(one_by_one.seen().size() == 3);  // no guess: no extra request

    FakeServer exact([](httplib::Server& s) { serve_leads(s, 300, 100); });
    r = crm_at(exact.url(), {"leads", "list", "--all", "-o", "ids", "--parallel", "1"});
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 300);
    CHECK(exact.seen().size() == 4);  // the empty fourth page ends it: one request more at most

    r = crm_at(exact.url(), {"leads", "list", "--limit", "150", "-o", "ids"});
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 150);
}

TEST_CASE("paging: a total that under-reports never ends the walk early", "[e2e][safety][paging]") {
    FakeServer server([](httplib::Server& s) { serve_leads(s, 450, 100, /*total=*/120); });
    auto r = crm_at(server.url(), {"leads", "list", "--all", "--size", "100", "-o", "ids"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 450);
    CHECK(count_seen(server, "GET /pipeline/leads") == 5);
}

TEST_CASE("multi-id: exit codes follow the class every id failed for", "[e2e][safety][multi]") {
    SandboxProcess sandbox({"--log"});
    std::string id = create_lead(sandbox, "real");

    auto missing = crm(sandbox, {"leads", "get", "999998", "999999"});
    CHECK(missing.exit_code == 4);
    CHECK(missing.err.find("999998") != std::string::npos);
    CHECK(missing.err.find("999999") != std::string::npos);

    auto mixed = crm(sandbox, {"leads", "get", id, "999999"});
    CHECK(mixed.exit_code == 9);
    CHECK(parse(mixed.out).Size() == 1);

    // A 404 on a first DELETE attempt is not "already gone".
    CHECK(crm(sandbox, {"leads", "delete", "999999", "--yes"}).exit_code == 4);
    CHECK(crm(sandbox, {"leads", "delete", "999998", "999999", "--yes"}).exit_code == 4);
    auto half = crm(sandbox, {"leads", "delete", id, "999999", "--yes"});
    CHECK(half.exit_code == 9);
    CHECK(crm(sandbox, {"leads", "get", id}).exit_code == 4);

    // --ignore-not-found: gone is done.
    CHECK(crm(sandbox, {"leads", "delete", "999999", id, "--yes", "--ignore-not-found"}).exit_code == 0);
    CHECK(crm(sandbox, {"leads", "archive", "999999", "--ignore-not-found"}).exit_code == 0);
}

TEST_CASE("multi-id: a 403 stops the run at once with exit 3", "[e2e][safety][multi]") {
    SandboxProcess sandbox({"--log"});
    std::vector<std::string> args{"leads", "delete"};
    for (int i = 0; i < 30; ++i) args.push_back(create_lead(sandbox, fmt::format("x{}", i)));
    args.push_back("--yes");
    auto r = crm(sandbox, args, RunOptions{.env = {{"CRM_API_KEY", sandbox.readonly_key()}}});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("not sent") != std::string::npos);
    // At most the requests already in flight (4 at a time) reached the server.
    CHECK(log_lines(sandbox, "DELETE ") <= 4);
    CHECK(log_lines(sandbox, "DELETE ") >= 1);
}

TEST_CASE("multi-id: SIGINT is 130 and SIGTERM 143, however many ids", "[e2e][safety][multi][signals][timing]") {
    SandboxProcess sandbox({"--latency-ms", "5000"});
    for (auto [signal, code] : {std::pair{"INT", 130}, std::pair{"TERM", 143}}) {
        // bash runs crm in the background, signals it once it has started, and reports its status.
        std::string script = std::string(CRM_BIN) + " leads get 1 2 3 4 5 6 7 8 & pid=$!; sleep 0.5; kill -" + signal +
                             " $pid; wait $pid; echo \"status=$?\"";
        auto r = run({"/bin/bash", "-c", script}, env_for(sandbox));
        INFO(signal << ": " << r.err);
        CHECK(r.out.find("status=" + std::to_string(code)) != std::string::npos);
        // Handled, not killed: crm said so itself.
        CHECK(r.err.find(code == 130 ? "crm: interrupted" : "crm: terminated") != std::string::npos);
    }
}

TEST_CASE("merge: the sources are deleted, so it asks or needs --yes", "[e2e][safety]") {
    SandboxProcess sandbox({"--log"});
    auto create = [&](const std::string& name) {
        auto r = crm(sandbox, {"contacts", "create", "-f", "name=" + name, "-o", "json"});
        REQUIRE(r.exit_code == 0);
        return std::string(parse(r.out)["id"].GetString());
    };
    std::string target = create("Target"), source = create("Source");
    auto r = crm(sandbox, {"contacts", "merge", target, "--source", source});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--yes") != std::string::npos);
    CHECK(log_lines(sandbox, "POST /directory/contacts/" + target + "/merge") == 0);
    CHECK(crm(sandbox, {"contacts", "get", source}).exit_code == 0);
    CHECK(crm(sandbox, {"contacts", "merge", target, "--source", source, "--yes"}).exit_code == 0);
    CHECK(crm(sandbox, {"contacts", "get", source}).exit_code == 4);
}

TEST_CASE("create: a write whose answer was lost says it may have been carried out", "[e2e][safety]") {
    SandboxProcess sandbox({"--drop-rate", "1"});
    auto r = crm(sandbox, {"leads", "create", "-f", "title=maybe"});
    INFO(r.err);
    CHECK(r.exit_code == 8);
    CHECK(r.err.find("may have created it") != std::string::npos);
    CHECK(count_lines(r.err) == 1);
}

TEST_CASE("redirects: a 302 is not followed, the key goes nowhere else", "[e2e][safety][secrets]") {
    FakeServer elsewhere([](httplib::Server& s) {
        s.Get(".*", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(R"({"items":[{"id":"stolen"}]})", "application/json");
        });
    });
    const std::string target = elsewhere.url() + "/pipeline/leads";
    FakeServer redirecting([&](httplib::Server& s) {
        s.Get("/pipeline/leads", [&](const httplib::Request&, httplib::Response& response) { response.set_redirect(target); });
    });
    auto r = crm_at(redirecting.url(), {"leads", "list"});
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
    CHECK(redirecting.seen().size() == 1);
    CHECK(elsewhere.seen().empty());
}

TEST_CASE("secrets: a query key with URL characters is redacted raw and encoded", "[e2e][secrets]") {
    const std::string key = "Ab+cD/eF=gH&iJ-123456";
    SandboxProcess sandbox({"--primary-key", key});
    auto r = crm(sandbox, {"--verbose", "leads", "list"}, RunOptions{.env = {{"CRM_AUTH", "query"}}});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("subscription-key") != std::string::npos);  // the line is there, the key is not
    for (const std::string& form : {key, std::string("Ab%2BcD%2FeF%3DgH%26iJ-123456"), std::string("Ab+cD/eF=gH")}) {
        CHECK(r.err.find(form) == std::string::npos);
        CHECK(r.out.find(form) == std::string::npos);
    }
}

TEST_CASE("crm api: --paginate page and size must be whole numbers", "[e2e][safety]") {
    SandboxProcess sandbox({"--log"});
    for (std::string q : {"page=abc", "page=0", "size=-5", "size=1001", "page=99999999999999999999"}) {
        auto r = crm(sandbox, {"api", "/pipeline/leads", "--paginate", "-q", q});
        INFO(q << ": " << r.err);
        CHECK(r.exit_code == 2);
    }
    CHECK(log_lines(sandbox, "GET ") == 0);
}

TEST_CASE("server text: newlines and escape sequences in an error cannot forge lines", "[e2e][safety][hostile]") {
    FakeServer server([](httplib::Server& s) {
        s.Get("/pipeline/leads/1", [](const httplib::Request&, httplib::Response& response) {
            response.status = 400;
            response.set_content("{\"message\":\"bad\\n\\u001b[2Jcrm: deleted 2000 leads\\r\"}", "application/json");
        });
    });
    for (std::string format : {"table", "json"}) {
        auto r = crm_at(server.url(), {"leads", "get", "1", "-o", format});
        INFO(r.err);
        CHECK(r.exit_code == 5);
        CHECK(count_lines(r.err) == 1);
        CHECK(r.err.find('\x1b') == std::string::npos);
        CHECK(r.err.find('\r') == std::string::npos);
    }
}

TEST_CASE("hostile input: deep nesting, NUL bytes, huge and invalid bodies", "[e2e][safety][hostile]") {
    const std::string deep(100000, '[');
    FakeServer server([&](httplib::Server& s) {
        s.Get("/pipeline/leads/1", [&](const httplib::Request&, httplib::Response& response) {
            response.set_content("{\"item\":" + deep, "application/json");
        });
        s.Get("/pipeline/leads/2", [&](const httplib::Request&, httplib::Response& response) {
            response.status = 400;
            response.set_content("{\"message\":" + deep, "application/json");
        });
    });
    auto response = crm_at(server.url(), {"leads", "get", "1"});
    CHECK(response.exit_code == 1);
    CHECK(response.err.find("unreadable response") != std::string::npos);
    CHECK(crm_at(server.url(), {"leads", "get", "2"}).exit_code == 5);

    SandboxProcess sandbox({"--log"});
    auto body = crm(sandbox, {"leads", "create", "-d", deep});
    CHECK(body.exit_code == 2);
    CHECK(body.err.find("nested deeper") != std::string::npos);
    std::string with_nul = "{\"title\":\"a";
    with_nul += '\0';
    with_nul += "b\"}";
    CHECK(crm(sandbox, {"leads", "create", "-d", "@-"}, RunOptions{.stdin_data = with_nul}).exit_code == 2);
    CHECK(log_lines(sandbox, "POST ") == 0);
    // -F takes what does not parse as JSON as a string: too deep to be JSON, so a string.
    CHECK(crm(sandbox, {"leads", "create", "-F", "title=" + deep}).exit_code == 0);
    CHECK(log_lines(sandbox, "POST ") == 1);

    // A 3 MB title is valid JSON: the server decides (here: too large), crm says so and lives.
    auto huge = crm(sandbox, {"leads", "create", "-d", "@-"},
                    RunOptions{.stdin_data = "{\"title\":\"" + std::string(3 << 20, 'x') + "\"}"});
    CHECK(huge.exit_code >= 0);
    CHECK(huge.exit_code < 128);
    // Invalid UTF-8 and control characters in a body: no crash, a documented exit code.
    auto bytes = crm(sandbox, {"leads", "create", "-f", "title=\xff\xfe\x01\x1b[2J"});
    CHECK(bytes.exit_code >= 0);
    CHECK(bytes.exit_code < 10);
}

TEST_CASE("on a terminal: a one-page list says how to get the rest, and a merge asks first", "[e2e][safety][tty]") {
    if (::access("/usr/bin/script", X_OK) != 0) {
        WARN("SKIP: util-linux script is not installed");
        return;
    }
    SandboxProcess sandbox({"--log"});
    for (int i = 0; i < 6; ++i) create_lead(sandbox, fmt::format("lead {}", i));
    // script(1) gives crm a real terminal; its stdin feeds the answer to a prompt.
    auto in_pty = [&](const std::string& args, const std::string& answer = "") {
        RunOptions options = env_for(sandbox);
        options.stdin_data = answer;
        return run({"/usr/bin/script", "-qec", std::string(CRM_BIN) + " " + args, "/dev/null"}, options);
    };
    CHECK(in_pty("leads list --size 5").out.find("showing 5; use --all or --limit N for more") != std::string::npos);
    CHECK(in_pty("leads list --size 10").out.find("showing") == std::string::npos);  // 6 of 10: that is all
    CHECK(in_pty("leads list --all --size 5").out.find("showing") == std::string::npos);
    CHECK(crm(sandbox, {"leads", "list", "--size", "5"}).err.find("showing") == std::string::npos);  // not for pipes

    auto contact = [&](const std::string& name) {
        auto r = crm(sandbox, {"contacts", "create", "-f", "name=" + name, "-o", "json"});
        REQUIRE(r.exit_code == 0);
        return std::string(parse(r.out)["id"].GetString());
    };
    std::string target = contact("Target"), source = contact("Source");
    auto declined = in_pty("contacts merge " + target + " --source " + source, "n\n");
    CHECK(declined.out.find("The sources are deleted. [y/N]") != std::string::npos);
    CHECK(declined.exit_code == 2);
    CHECK(log_lines(sandbox, "POST /directory/contacts/" + target + "/merge") == 0);
}

namespace {

// The requests the sandbox recorded (--record FILE): one JSON object a line.
std::vector<rapidjson::Document> recorded(const std::string& path) {
    std::ifstream file(path);
    std::vector<rapidjson::Document> lines;
    for (std::string line; std::getline(file, line);) lines.push_back(parse(line));
    return lines;
}

// The requests of a record answered, and those refused with 429.
std::pair<size_t, size_t> answered_and_refused(const std::string& record) {
    size_t answered = 0, refused = 0;
    for (const auto& request : recorded(record)) (request["status"].GetInt() == 429 ? refused : answered) += 1;
    return {answered, refused};
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / fmt::format("crm-safety-{}-{}", name, ::getpid())).string();
}

}  // namespace

TEST_CASE("paging: the sandbox capping pages at 100 is walked whole, at most 3 guesses past the end", "[e2e][safety][paging]") {
    const std::string record = temp_path("cap.jsonl");
    std::filesystem::remove(record);
    SandboxProcess sandbox({"--seed-records", "1000", "--max-page-size", "100", "--record", record});  // 250 leads
    auto r = crm(sandbox, {"leads", "list", "--all", "-o", "ids"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 250);
    auto requests = recorded(record);
    CHECK(requests.size() >= 3);  // 100 + 100 + 50, and what the window guessed past the end
    CHECK(requests.size() <= 3 + 3);
    for (const auto& request : requests) CHECK(std::string(request["path"].GetString()) == "/pipeline/leads");
    std::filesystem::remove(record);
}

TEST_CASE("paging: under the vendor's kind of quota an export completes, waiting as told", "[e2e][safety][paging][quota]") {
    const std::string record = temp_path("quota.jsonl");
    std::filesystem::remove(record);
    // 250 leads in pages of 25: 11 requests against a quota of 4 per second.
    SandboxProcess sandbox({"--seed-records", "1000", "--quota", "4/1", "--record", record});
    auto r = crm(sandbox, {"leads", "list", "--all", "--size", "25", "-o", "ids"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 250);
    const auto [answered, refused] = answered_and_refused(record);
    CHECK(answered >= 11);
    CHECK(answered <= 11 + 3);   // at most parallel-1 pages guessed past the end
    CHECK(refused <= answered);  // a retry waits for the window: never a storm of 429s
    std::filesystem::remove(record);
}

TEST_CASE("paging: under a quota the client learns it from the first 429s and paces to it", "[e2e][safety][paging][quota]") {
    const std::string record = temp_path("paced.jsonl");
    std::filesystem::remove(record);
    // 250 leads in pages of 10: 25 pages, the empty one after them and up to 3 guesses past the
    // end, against 5 a second: about 6 windows. Finding the limit again in every window cost
    // the 429s of the requests in flight at each window's end (11 to 15 measured); learning it
    // costs those of the first window (4 at most), one probe in the second (4 or 5 measured).
    SandboxProcess sandbox({"--seed-records", "1000", "--quota", "5/1", "--record", record});
    auto r = crm(sandbox, {"leads", "list", "--all", "--size", "10", "-o", "ids", "--parallel", "4", "-v"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 250);
    const auto [answered, refused] = answered_and_refused(record);
    CHECK(answered >= 26);
    CHECK(answered <= 26 + 3);
    CHECK(refused <= 4 + 1 + 2);  // and room for a first request that reaches a window late
    CHECK(r.err.find("* quota: 5 requests a window of") != std::string::npos);
    std::filesystem::remove(record);
}

TEST_CASE("paging: the window keeps the order, and guesses nothing when the total is known", "[e2e][safety][paging]") {
    const std::string record = temp_path("window.jsonl");
    std::filesystem::remove(record);
    SandboxProcess sandbox({"--seed-records", "1000", "--list-shape", "paged", "--record", record});  // 250 leads
    auto r = crm(sandbox, {"leads", "list", "--all", "--size", "20", "-o", "ids", "--parallel", "8"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == 250);
    // 13 pages (the last holds 10), each asked for exactly once, not one more.
    std::vector<std::string> pages;
    for (const auto& request : recorded(record)) {
        for (const auto& pair : request["query"].GetArray())
            if (std::string(pair[0].GetString()) == "page") pages.emplace_back(pair[1].GetString());
    }
    std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return std::stoi(a) < std::stoi(b); });
    std::vector<std::string> expected;
    for (int page = 1; page <= 13; ++page) expected.push_back(std::to_string(page));
    CHECK(pages == expected);
    // The same ids in the same order as one page at a time.
    CHECK(crm(sandbox, {"leads", "list", "--all", "--size", "20", "-o", "ids", "--parallel", "1"}).out == r.out);
    std::filesystem::remove(record);
}
