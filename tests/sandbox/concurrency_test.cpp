// Reads alongside writes (pooled read connections, WAL), keep-alive beyond httplib's default
// of 5 requests, and the seeks of deep pages giving exactly what OFFSET gives. Correctness
// only: nothing here measures time.
#include "http_helpers.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

using V = std::vector<std::string>;

V ids_of(const sbt::Reply& r) {
    V out;
    if (r.json.IsObject() && r.json.HasMember("items"))
        for (const auto& it : r.items().GetArray()) out.emplace_back(it["id"].GetString());
    return out;
}

V one_to(size_t n) {
    V out;
    for (size_t i = 1; i <= n; ++i) out.push_back(std::to_string(i));
    return out;
}

// Every id of a list, page by page (size `size`), ending at the first short page.
V walk(Http& h, const std::string& query, int size) {
    V out;
    for (int page = 1;; ++page) {
        auto r = h.get("/pipeline/leads?" + query + (query.empty() ? "" : "&") + "size=" + std::to_string(size) +
                       "&page=" + std::to_string(page));
        if (r.status != 200) {  // no REQUIRE: walks also run on reader threads
            out.push_back("status " + std::to_string(r.status));
            return out;
        }
        V ids = ids_of(r);
        out.insert(out.end(), ids.begin(), ids.end());
        if (static_cast<int>(ids.size()) < size) return out;
    }
}

}  // namespace

TEST_CASE("keep-alive: one connection serves many more than 5 requests") {
    SandboxProcess sb;
    httplib::Client cli(sb.base_url());
    cli.set_keep_alive(true);
    int sockets = 0;
    cli.set_socket_options([&sockets](socket_t) { ++sockets; });
    httplib::Headers h{{"Ocp-Apim-Subscription-Key", sb.api_key()}};
    for (int i = 0; i < 40; ++i) {
        INFO("request " << i);
        auto r = i % 2 ? cli.Get("/pipeline/leads?size=5", h)
                       : cli.Post("/pipeline/leads", h, R"({"title":"kept alive"})", "application/json");
        REQUIRE(r);
        CHECK(r->status == (i % 2 ? 200 : 201));
        CHECK(r->get_header_value("Connection") != "close");
    }
    CHECK(sockets == 1);
}

TEST_CASE("concurrent reads during writes: every read sees one committed state") {
    SandboxProcess sb({"--list-shape", "paged"});
    constexpr size_t kLeads = 250;
    std::atomic<bool> done{false};
    std::mutex failures_mu;
    std::vector<std::string> failures;  // Catch's assertions are not thread-safe: collected here
    auto fail = [&](std::string what) {
        std::lock_guard lock(failures_mu);
        failures.push_back(std::move(what));
    };

    // httplib's client builds function-local statics (regexes) on first use, inside the
    // uninstrumented library where TSan cannot see their guard: build them here, before the
    // threads, so that a TSan run reports only real races.
    {
        Http warm(sb);
        REQUIRE(warm.get("/pipeline/leads?size=1").status == 200);
        REQUIRE(warm.patch("/pipeline/leads/0", "{}").status == 404);
    }
    // One writer creating leads in order: at any moment the committed leads are 1..n.
    std::thread writer([&] {
        Http h(sb);
        for (size_t i = 1; i <= kLeads; ++i) {
            auto r = h.post("/pipeline/leads", R"({"title":"lead )" + std::to_string(kLeads - i) + R"("})");
            if (r.status != 201 || r.id() != std::to_string(i)) fail("create " + std::to_string(i) + ": " + r.body);
            if (i % 25 == 0) {  // and a read-modify-write in one transaction now and then
                auto p = h.patch("/pipeline/leads/" + std::to_string(i / 2), R"({"status":"qualified"})");
                if (p.status != 200) fail("patch: " + p.body);
            }
        }
        done = true;
    });
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&, t] {
            Http h(sb);
            size_t seen = 0;
            while (!done) {
                // The whole list: a prefix 1..n of the leads, its total from the same state,
                // never fewer than a read before saw.
                auto all = h.get("/pipeline/leads?size=1000");
                V ids = ids_of(all);
                if (all.status != 200 || ids != one_to(ids.size()) ||
                    all.total() != static_cast<int64_t>(ids.size()) || ids.size() < seen) {
                    fail("reader " + std::to_string(t) + ": " + std::to_string(ids.size()) + " ids after " +
                         std::to_string(seen) + ", total " + std::to_string(all.status == 200 ? all.total() : -1));
                    return;
                }
                seen = ids.size();
                if (seen > 0 && h.get("/pipeline/leads/" + std::to_string(seen)).status != 200)
                    fail("lead " + std::to_string(seen) + " listed but not found");
                // Pages of 7 walked while leads are appended: appends do not move earlier
                // records, so the walk sees 1..m, each once (and pages after the first seek).
                V walked = walk(h, "", 7);
                if (walked != one_to(walked.size()) || walked.size() < seen)
                    fail("reader " + std::to_string(t) + ": a walk of " + std::to_string(walked.size()) +
                         " ids is not 1..m");
                auto by_count = h.get("/pipeline/leads?size=1&isArchived=false");
                if (by_count.status != 200 || by_count.total() < static_cast<int64_t>(seen))
                    fail("filtered total went back");
            }
        });
    }
    writer.join();
    for (auto& r : readers) r.join();
    for (const auto& f : failures) FAIL_CHECK(f);
    CHECK(failures.empty());
    Http h(sb);
    CHECK(ids_of(h.get("/pipeline/leads?size=1000")) == one_to(kLeads));
    CHECK(walk(h, "", 7) == one_to(kLeads));
}

TEST_CASE("deep pages: walks in every indexed order match the single page, also with writes between pages") {
    SandboxProcess sb;
    Http h(sb);
    // Titles in another order than ids, and several leads per millisecond: ties on createdAt
    // are broken by creation order, as OFFSET's ORDER BY does.
    for (int i = 1; i <= 60; ++i)
        REQUIRE(h.post("/pipeline/leads", R"({"title":"lead )" + std::to_string((i * 37) % 61) +
                                              R"(","tags":[")" + (i % 3 ? "warm" : "cold") + R"("]})")
                    .status == 201);
    for (std::string q : {"", "sort=desc", "orderBy=id&sort=desc", "orderBy=createdAt", "orderBy=createdAt&sort=desc",
                          "orderBy=title", "orderBy=title&sort=desc", "orderBy=title&tags=warm", "name=lead%201",
                          "orderBy=createdOn&sort=desc&tags=cold", "orderBy=value"}) {
        INFO(q);
        V full = ids_of(h.get("/pipeline/leads?size=1000" + (q.empty() ? q : "&" + q)));
        REQUIRE(!full.empty());
        CHECK(walk(h, q, 7) == full);
        CHECK(walk(h, q, 7) == full);  // again: now every page after the first can seek
        CHECK(walk(h, q, 1) == full);
    }

    // Pages 1-3 read (their starts cached), then a delete on page 1 and a create: page 3 must
    // shift as OFFSET shifts it, not resume where the cached start was.
    for (std::string q : {"orderBy=title", "orderBy=createdAt&sort=desc", ""}) {
        INFO(q);
        const std::string base = "/pipeline/leads?size=5" + (q.empty() ? q : "&" + q);
        V before = ids_of(h.get(base + "&page=1"));
        ids_of(h.get(base + "&page=2"));
        ids_of(h.get(base + "&page=3"));
        REQUIRE(h.del("/pipeline/leads/" + before.at(1)).status == 204);
        REQUIRE(h.post("/pipeline/leads", R"({"title":"lead 0"})").status == 201);
        V full = ids_of(h.get("/pipeline/leads?size=1000" + (q.empty() ? q : "&" + q)));
        V page3 = ids_of(h.get(base + "&page=3"));
        CHECK(page3 == V(full.begin() + 10, full.begin() + 15));
        CHECK(walk(h, q, 5) == full);
    }
}
