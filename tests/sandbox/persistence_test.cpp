// --db FILE: what was acknowledged survives a clean restart and a kill -9.
#include "http_helpers.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char tmpl[] = "/tmp/crm-sandbox-db-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("persistence: --db: records survive a clean restart, ids keep counting") {
    TempDir dir;
    const std::string db = (dir.path / "crm.db").string();
    std::string lead, contact;
    {
        SandboxProcess sb({"--db", db, "--primary-key", "k1", "--secondary-key", "k2"});
        Http h(sb);
        lead = h.post("/pipeline/leads", R"({"title":"kept","custom":{"x":1}})").id();
        contact = h.post("/directory/contacts", R"({"name":"kept"})").id();
        h.post("/pipeline/leads", R"({"title":"deleted"})");
        h.del("/pipeline/leads/2");
        h.put("/directory/forms/contacts", R"({"fields":[{"id":"name","label":"Full name"}]})");
        sb.stop();
    }
    SandboxProcess sb({"--db", db});
    Http h(sb);
    auto l = h.get("/pipeline/leads/" + lead);
    REQUIRE(l.status == 200);
    CHECK(l.str("title") == "kept");
    CHECK(h.get("/pipeline/leads").count() == 1);
    CHECK(h.get("/directory/contacts/" + contact).status == 200);
    CHECK(h.get("/pipeline/leads?title=kept").count() == 1);
    CHECK(h.get("/directory/forms/contacts").items().Size() == 1);
    CHECK(h.get("/pipeline/pipelines/opportunities").count() == 2);  // defaults not duplicated
    CHECK(h.get("/cases/types/cases").count() == 1);
    CHECK(h.post("/pipeline/leads", R"({"title":"new"})").id() == "3");  // 2 is not reused
}

TEST_CASE("persistence: --db: every acknowledged write survives kill -9") {
    TempDir dir;
    const std::string db = (dir.path / "crm.db").string();
    std::vector<std::string> ids;
    {
        SandboxProcess sb({"--db", db});
        Http h(sb);
        for (int i = 0; i < 50; ++i) {
            auto r = h.post("/cases/cases", R"({"title":"case )" + std::to_string(i) + R"("})");
            REQUIRE(r.status == 201);
            ids.push_back(r.id());
        }
        REQUIRE(h.patch("/cases/cases/" + ids[0], R"({"status":"closed"})").status == 200);
        auto merged_into = h.post("/directory/contacts", R"({"name":"a"})").id();
        auto src = h.post("/directory/contacts", R"({"name":"b"})").id();
        REQUIRE(h.post("/directory/contacts/" + merged_into + "/merge", R"({"sourceId":[")" + src + R"("]})").status == 200);
        sb.kill_hard();
    }
    SandboxProcess sb({"--db", db});
    Http h(sb);
    CHECK(h.get("/cases/cases?size=1000").count() == 50);
    for (const auto& id : ids) CHECK(h.get("/cases/cases/" + id).status == 200);
    CHECK(h.get("/cases/cases/" + ids[0]).str("status") == "closed");
    CHECK(h.get("/directory/contacts").count() == 1);
}

TEST_CASE("persistence: --db with --seed-records seeds once") {
    TempDir dir;
    const std::string db = (dir.path / "crm.db").string();
    int64_t first = 0;
    {
        SandboxProcess sb({"--db", db, "--seed-records", "100"});
        first = Http(sb).get("/directory/contacts?size=1000").count();
        CHECK(first > 0);
    }
    SandboxProcess sb({"--db", db, "--seed-records", "100"});
    CHECK(Http(sb).get("/directory/contacts?size=1000").count() == first);
    CHECK(sb.stderr_text().find("--seed-records ignored") != std::string::npos);
}
