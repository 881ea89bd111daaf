// Fault flags (latency, fail, drop, rate limit), the access log, and concurrent clients.
#include "http_helpers.h"
#include "support/process.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <set>
#include <unistd.h>
#include <thread>

using crmtest::SandboxProcess;
using sbt::Http;

TEST_CASE("faults: --latency-ms delays every answer", "[timing]") {
    SandboxProcess sb({"--latency-ms", "300"});
    Http h(sb);
    auto t0 = std::chrono::steady_clock::now();
    CHECK(h.get("/pipeline/leads").status == 200);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    CHECK(ms >= 300);
}

TEST_CASE("faults: --fail-rate 1.0: every request 503, nothing carried out") {
    SandboxProcess sb({"--fail-rate", "1.0"});
    Http h(sb);
    auto r = h.post("/pipeline/leads", R"({"title":"never"})");
    CHECK(r.status == 503);
    CHECK(r.json["statusCode"].GetInt() == 503);
    CHECK(h.get("/pipeline/leads").status == 503);
}

TEST_CASE("faults: --fail-rate: nothing is stored (checked through the database)") {
    char tmpl[] = "/tmp/crm-sandbox-fail-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string db = dir + "/crm.db";
    {
        SandboxProcess sb({"--db", db, "--fail-rate", "1"});
        Http h(sb);
        for (int i = 0; i < 5; ++i) CHECK(h.post("/pipeline/leads", R"({"title":"never"})").status == 503);
    }
    {
        SandboxProcess sb({"--db", db});
        CHECK(Http(sb).get("/pipeline/leads").count() == 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("faults: --drop-rate 1.0: carried out, then the connection closes without an answer") {
    char tmpl[] = "/tmp/crm-sandbox-drop-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string db = dir + "/crm.db";
    {
        SandboxProcess sb({"--db", db, "--drop-rate", "1.0", "--log"});
        Http h(sb);
        auto r = h.post("/pipeline/leads", R"({"title":"stored anyway"})");
        CHECK(r.status == 0);  // no HTTP answer at all
        auto g = h.get("/pipeline/leads");
        CHECK(g.status == 0);
        CHECK(sb.stderr_text().find("POST /pipeline/leads dropped") != std::string::npos);
    }
    {
        SandboxProcess sb({"--db", db});
        auto l = Http(sb).get("/pipeline/leads");
        REQUIRE(l.count() == 1);
        CHECK(std::string(l.items()[0]["title"].GetString()) == "stored anyway");
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("faults: --rate-limit: over the limit 429 with Retry-After", "[timing]") {
    SandboxProcess sb({"--rate-limit", "3"});
    Http h(sb);
    int ok = 0, limited = 0;
    std::string retry_after;
    for (int i = 0; i < 8; ++i) {
        auto r = h.get("/pipeline/leads");
        if (r.status == 200) ++ok;
        if (r.status == 429) {
            ++limited;
            retry_after = r.headers.count("Retry-After") ? r.headers.find("Retry-After")->second : "";
            CHECK(r.json["statusCode"].GetInt() == 429);
        }
    }
    CHECK(ok >= 3);
    CHECK(ok <= 6);  // at most two one-second windows in this loop
    CHECK(limited >= 2);
    CHECK(retry_after == "1");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(h.get("/pipeline/leads").status == 200);
}

TEST_CASE("faults: --quota N/SECONDS: per key, fixed window, 429 with Retry-After and the gateway body") {
    SandboxProcess sb({"--quota", "5/2"});
    Http bad(sb, "not-a-key");
    for (int i = 0; i < 8; ++i) CHECK(bad.get("/pipeline/leads").status == 401);  // not counted
    Http rw(sb);
    std::vector<int> statuses;
    for (int i = 0; i < 7; ++i) statuses.push_back(rw.get("/pipeline/leads").status);
    CHECK(statuses == std::vector<int>{200, 200, 200, 200, 200, 429, 429});
    auto over = rw.post("/pipeline/leads", R"({"title":"refused"})");
    REQUIRE(over.status == 429);
    REQUIRE(over.headers.count("Retry-After") == 1);
    const std::string retry = over.headers.find("Retry-After")->second;
    CHECK((retry == "1" || retry == "2"));
    CHECK(over.body == R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in )" + retry +
                           R"( seconds."})");
    // The read-only key has a window of its own.
    Http ro(sb, sb.readonly_key());
    for (int i = 0; i < 5; ++i) CHECK(ro.get("/pipeline/leads").status == 200);
    CHECK(ro.get("/pipeline/leads").status == 429);
    // Once the window is over, the key gets a fresh one; the refused POST was not carried out.
    std::this_thread::sleep_for(std::chrono::seconds(std::stoi(retry)) + std::chrono::milliseconds(50));
    auto after = rw.get("/pipeline/leads");
    CHECK(after.status == 200);
    CHECK(after.count() == 0);
}

TEST_CASE("faults: --quota syntax is checked") {
    for (const char* bad : {"5", "5/", "/5", "0/5", "5/0", "a/b", "5/1.5", "-1/5", "5/2/1", "5/86401", ""}) {
        INFO(bad);
        auto r = crmtest::run({CRM_SANDBOX_BIN, "--quota", bad});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--quota needs N/SECONDS") != std::string::npos);
    }
}

TEST_CASE("log: --log: one line per request, the key never shown") {
    SandboxProcess sb({"--log", "--primary-key", "secret-primary-key", "--secondary-key", "secret-ro"});
    Http header(sb);
    Http query(sb, sb.api_key(), true);
    header.get("/pipeline/leads?page=1");
    query.post("/pipeline/leads", R"({"title":"x"})");
    Http(sb, "wrong-key-value", true).get("/cases/cases");
    sb.stop();
    std::string log = sb.stderr_text();
    CHECK(log.find("GET /pipeline/leads?page=1 200 ") != std::string::npos);
    CHECK(log.find("POST /pipeline/leads?subscription-key=REDACTED 201 ") != std::string::npos);
    CHECK(log.find("GET /cases/cases?subscription-key=REDACTED 401 ") != std::string::npos);
    CHECK(log.find("secret-primary-key") == std::string::npos);
    CHECK(log.find("wrong-key-value") == std::string::npos);
    CHECK(log.find("ms\n") != std::string::npos);
}

TEST_CASE("many concurrent clients: every write lands once, ids unique") {
    SandboxProcess sb;
    constexpr int kThreads = 8, kEach = 25;
    std::atomic<int> created{0};
    // The first httplib::Client initializes function-local statics (regexes) inside the
    // uninstrumented libcpp-httplib; doing that here, before the threads, keeps
    // ThreadSanitizer from flagging that (client-side) initialization as a race.
    Http(sb).get("/pipeline/leads");
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Http h(sb);
            for (int i = 0; i < kEach; ++i) {
                auto r = h.post("/pipeline/leads", R"({"title":"t)" + std::to_string(t) + "-" + std::to_string(i) + R"("})");
                if (r.status == 201) ++created;
                h.get("/pipeline/leads?size=5&title=t" + std::to_string(t));
                if (i % 5 == 0) h.patch("/pipeline/leads/" + r.id() + "/archive");
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(created == kThreads * kEach);
    Http h(sb);
    auto all = h.get("/pipeline/leads?size=1000");
    CHECK(all.count() == kThreads * kEach);
    std::set<std::string> ids;
    for (const auto& it : all.items().GetArray()) ids.insert(it["id"].GetString());
    CHECK(ids.size() == static_cast<size_t>(kThreads * kEach));
    CHECK(h.get("/pipeline/leads?isArchived=true&size=1000").count() == kThreads * (kEach / 5));
}
