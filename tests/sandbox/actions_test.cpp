// Lead archive/unarchive/convert, opportunity status/stage, pipelines, forms, bulk actions,
// contact and organization merges.
#include "http_helpers.h"

#include <catch2/catch.hpp>

using crmtest::SandboxProcess;
using sbt::Http;

TEST_CASE("leads: archive and unarchive set isArchived") {
    SandboxProcess sb;
    Http h(sb);
    auto id = h.post("/pipeline/leads", R"({"title":"l"})").id();
    auto a = h.patch("/pipeline/leads/" + id + "/archive");
    REQUIRE(a.status == 200);
    CHECK(a.item()["isArchived"].GetBool());
    CHECK(h.get("/pipeline/leads/" + id).item()["isArchived"].GetBool());
    auto u = h.patch("/pipeline/leads/" + id + "/unarchive");
    CHECK(u.status == 200);
    CHECK_FALSE(u.item()["isArchived"].GetBool());
    CHECK(h.patch("/pipeline/leads/999/archive").status == 404);
    CHECK(h.patch("/pipeline/leads/999/unarchive").status == 404);
}

TEST_CASE("leads: convert creates an opportunity in the default pipeline's first stage, twice → 409") {
    SandboxProcess sb;
    Http h(sb);
    auto lead = h.post("/pipeline/leads", R"({ "title": "Cloud Migration Project - Acme Corp", "value": { "amount": 25000, "code": "USD" }, "origin": "referral", "leadRating": "2_warm", "note": "Referred by John Smith.", "organizationId": "456", "contactId": "12", "owner": { "id": "789", "name": "Sarah Lee", "email": "sarah.lee@example.com" }, "tags": ["vip"], "customFields": { "k": "v" } })");
    REQUIRE(lead.status == 201);
    auto c = h.post("/pipeline/leads/" + lead.id() + "/convert", "");
    REQUIRE(c.status == 201);
    const auto& opp = c.item();
    for (const char* f : {"title", "value", "origin", "leadRating", "note", "organizationId", "contactId", "owner",
                          "tags", "customFields"}) {
        INFO(f);
        CHECK(sbt::dump(opp[f]) == sbt::dump(lead.item()[f]));
    }
    CHECK(c.str("pipelineId") == "c4d5e6f7-8901-2345-6789-abcdef012345");
    CHECK(c.str("stage") == "stage-new");
    CHECK(c.str("status") == "open");
    CHECK(c.id() != "");
    CHECK(h.get("/pipeline/opportunities/" + c.id()).status == 200);
    CHECK(h.get("/pipeline/leads/" + lead.id()).item()["isConverted"].GetBool());
    auto again = h.post("/pipeline/leads/" + lead.id() + "/convert", "");
    CHECK(again.status == 409);
    CHECK(h.get("/pipeline/opportunities").count() == 1);
    CHECK(h.post("/pipeline/leads/999/convert", "").status == 404);
}

TEST_CASE("convert with a bodiless POST (curl -X POST) works too") {
    SandboxProcess sb;
    Http h(sb);
    auto id = h.post("/pipeline/leads", R"({"title":"l"})").id();
    httplib::Client raw(sb.base_url());
    httplib::Request req;
    req.method = "POST";
    req.path = "/pipeline/leads/" + id + "/convert";
    req.headers = {{"Ocp-Apim-Subscription-Key", sb.api_key()}};
    auto r = raw.send(req);
    REQUIRE(r);
    CHECK(r->status == 201);
}

TEST_CASE("opportunities: updateStatus open|won|lost, lostReason kept only when lost") {
    SandboxProcess sb;
    Http h(sb);
    auto id = h.post("/pipeline/opportunities", R"({"title":"o"})").id();
    const std::string path = "/pipeline/opportunities/" + id + "/updateStatus";
    auto won = h.patch(path, R"({ "status": "won", })");
    REQUIRE(won.status == 200);
    CHECK(won.str("status") == "won");
    auto lost = h.patch(path, R"({ "status": "lost", "lostReason": { "reasonId": "too_expensive", "comment": "Customer chose a cheaper competitor." }, "lastUpdatedBy": { "id": "user-123", "name": "Alex Kim", "email": "alex.kim@example.com" } })");
    REQUIRE(lost.status == 200);
    CHECK(lost.str("status") == "lost");
    CHECK(std::string(lost.item()["lostReason"]["reasonId"].GetString()) == "too_expensive");
    CHECK(std::string(lost.item()["lastUpdatedBy"]["id"].GetString()) == "user-123");
    auto open = h.patch(path, R"({"status":"open"})");
    CHECK(open.str("status") == "open");
    CHECK_FALSE(open.item().HasMember("lostReason"));
    for (const char* bad : {R"({"status":"closed"})", R"({"status":1})", R"({})", R"({"status":"lost","lostReason":"x"})"}) {
        INFO(bad);
        CHECK(h.patch(path, bad).status == 400);
    }
    CHECK(h.patch("/pipeline/opportunities/999/updateStatus", R"({"status":"won"})").status == 404);
}

TEST_CASE("opportunities: updateStage needs a stage key of the opportunity's pipeline") {
    SandboxProcess sb;
    Http h(sb);
    auto id = h.post("/pipeline/opportunities", R"({"title":"o"})").id();
    const std::string path = "/pipeline/opportunities/" + id + "/updateStage";
    auto ok = h.patch(path, R"({ "stage": "395f9a11-c7d5-4d91-b4bb-8c964cf8d329" // Stage Key
} // You can get stage key by doing GET /pipeline/pipelines/opportunities)");
    REQUIRE(ok.status == 200);
    CHECK(ok.str("stage") == "395f9a11-c7d5-4d91-b4bb-8c964cf8d329");
    CHECK(h.patch(path, R"({"stage":"stage-xyz"})").str("stage") == "stage-xyz");
    auto bad = h.patch(path, R"({"stage":"partner-intro"})");  // a stage of the other pipeline
    CHECK(bad.status == 400);
    CHECK(std::string(bad.json["field"].GetString()) == "stage");
    CHECK(h.patch(path, R"({})").status == 400);
    CHECK(h.patch("/pipeline/opportunities/999/updateStage", R"({"stage":"stage-xyz"})").status == 404);
}

TEST_CASE("pipelines: list and get, stages have key and label") {
    SandboxProcess sb;
    Http h(sb);
    auto l = h.get("/pipeline/pipelines/opportunities");
    REQUIRE(l.status == 200);
    REQUIRE(l.items().Size() == 2);
    const auto& p = l.items()[0];
    CHECK(std::string(p["id"].GetString()) == "c4d5e6f7-8901-2345-6789-abcdef012345");
    REQUIRE(p["stages"].Size() >= 4);
    CHECK(std::string(p["stages"][0]["key"].GetString()) == "stage-new");
    CHECK(std::string(p["stages"][0]["label"].GetString()) == "New");
    auto g = h.get("/pipeline/pipelines/opportunities/c4d5e6f7-8901-2345-6789-abcdef012345");
    CHECK(g.status == 200);
    CHECK(g.str("name") == "Sales Pipeline");
    CHECK(h.get("/pipeline/pipelines/opportunities/nope").status == 404);
}

TEST_CASE("forms: the three defaults, GET and PUT") {
    SandboxProcess sb;
    Http h(sb);
    for (std::string path : {"/pipeline/forms/opportunities", "/directory/forms/contacts", "/directory/forms/organizations"}) {
        INFO(path);
        auto g = h.get(path);
        REQUIRE(g.status == 200);
        REQUIRE(g.item()["fields"].IsArray());
        CHECK(g.items().Size() == g.item()["fields"].Size());
        auto p = h.put(path, R"({ "creator": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, "tenantId": "your-tenant-id", "fields": [ { "id": "title", "label": "Title", "category": "default", "type": "text", "required": true }, { "id": "custom_field_1", "label": "New Custom Field", "category": "custom", "type": "text", "required": false } ] })");
        REQUIRE(p.status == 200);
        CHECK(p.item()["fields"].Size() == 2);
        CHECK(h.get(path).items().Size() == 2);
        CHECK(std::string(h.get(path).items()[1]["id"].GetString()) == "custom_field_1");
        CHECK(h.put(path, R"({"fields":"x"})").status == 400);
        CHECK(h.put(path, R"({"tenantId":"x"})").status == 400);
        CHECK(h.put(path, R"({"fields":[{"label":"no id"}]})").status == 400);
    }
}

TEST_CASE("bulk delete: per group, unknown ids reported, entity and ids checked") {
    SandboxProcess sb;
    Http h(sb);
    auto l1 = h.post("/pipeline/leads", R"({"title":"a"})").id();
    auto l2 = h.post("/pipeline/leads", R"({"title":"b"})").id();
    auto l3 = h.post("/pipeline/leads", R"({"title":"c"})").id();
    auto r = h.post("/pipeline/bulk-actions", R"({ "entity": "lead", "action": "delete", "ids": [")" + l1 + R"(", ")" + l2 + R"(", "77"] })");
    REQUIRE(r.status == 200);
    CHECK(sbt::dump(r.item()) == R"({"entity":"lead","action":"delete","deleted":["1","2"],"notFound":["77"]})");
    CHECK(h.get("/pipeline/leads").count() == 1);
    CHECK(h.get("/pipeline/leads/" + l3).status == 200);

    auto o = h.post("/pipeline/opportunities", R"({"title":"o"})").id();
    CHECK(h.post("/pipeline/bulk-actions", R"({"entity":"opportunity","action":"delete","ids":[")" + o + R"("]})").status == 200);
    auto c = h.post("/directory/contacts", R"({"name":"c"})").id();
    auto g = h.post("/directory/organizations", R"({"name":"g"})").id();
    CHECK(h.post("/directory/bulk-actions", R"({"entity":"contact","action":"delete","ids":[")" + c + R"("]})").status == 200);
    CHECK(h.post("/directory/bulk-actions", R"({"entity":"organization","action":"delete","ids":[")" + g + R"("]})").status == 200);
    auto k = h.post("/cases/cases", R"({"title":"k"})").id();
    auto kr = h.post("/cases/bulk-actions", R"({ "entity": "case", "action": "delete", "ids": [")" + k + R"("] })");
    CHECK(kr.item()["deleted"].Size() == 1);
    CHECK(h.get("/directory/contacts").count() == 0);
    CHECK(h.get("/cases/cases").count() == 0);

    // The entity word must belong to the endpoint's group; only delete; 1..1000 ids.
    CHECK(h.post("/pipeline/bulk-actions", R"({"entity":"contact","action":"delete","ids":["1"]})").status == 400);
    CHECK(h.post("/directory/bulk-actions", R"({"entity":"lead","action":"delete","ids":["1"]})").status == 400);
    CHECK(h.post("/cases/bulk-actions", R"({"entity":"lead","action":"delete","ids":["1"]})").status == 400);
    CHECK(h.post("/pipeline/bulk-actions", R"({"entity":"lead","action":"archive","ids":["1"]})").status == 400);
    CHECK(h.post("/pipeline/bulk-actions", R"({"entity":"lead","action":"delete","ids":[]})").status == 400);
    CHECK(h.post("/pipeline/bulk-actions", R"({"entity":"lead","action":"delete"})").status == 400);
    std::string many = R"({"entity":"lead","action":"delete","ids":[)";
    for (int i = 0; i < 1001; ++i) {
        if (i) many += ',';
        many += '"';
        many += std::to_string(i + 100);
        many += '"';
    }
    CHECK(h.post("/pipeline/bulk-actions", many + "]}").status == 400);
    auto thousand = h.post("/pipeline/bulk-actions", many.substr(0, many.rfind(',')) + "]}");
    CHECK(thousand.status == 200);
    CHECK(thousand.item()["notFound"].Size() == 1000);
}

TEST_CASE("contacts merge: sources deleted, emails/phones added without duplicates, references moved") {
    SandboxProcess sb;
    Http h(sb);
    auto target = h.post("/directory/contacts", R"({"name":"T","email":[{"label":"Work","value":"t@x.com","primary":true}],"phone":[{"label":"Mobile","value":"+1"}]})").id();
    auto s1 = h.post("/directory/contacts", R"({"name":"S1","email":[{"label":"Work","value":"T@x.com"},{"label":"Home","value":"s1@x.com"}],"phone":[{"label":"Mobile","value":"+1"},{"label":"Work","value":"+2"}]})").id();
    auto s2 = h.post("/directory/contacts", R"({"name":"S2","email":[{"label":"Work","value":"s2@x.com"}]})").id();
    auto other = h.post("/directory/contacts", R"({"name":"O"})").id();
    auto lead = h.post("/pipeline/leads", R"({"title":"l","contactId":")" + s1 + R"("})").id();
    auto opp = h.post("/pipeline/opportunities", R"({"title":"o","contactId":")" + s2 + R"(","contact":{"id":")" + s2 + R"("}})").id();
    auto kase = h.post("/cases/cases", R"({"title":"c","contactId":")" + s1 + R"("})").id();
    auto untouched = h.post("/cases/cases", R"({"title":"c2","contactId":")" + other + R"("})").id();

    auto m = h.post("/directory/contacts/" + target + "/merge", R"({ "sourceId": [")" + s1 + R"(", ")" + s2 + R"("], "lastUpdatedBy":{ "id": "user-123", "name": "Alex Kim", "email": "alex.kim@example.com" } })");
    REQUIRE(m.status == 200);
    CHECK(m.id() == target);
    const auto& emails = m.item()["email"];
    REQUIRE(emails.Size() == 3);
    CHECK(std::string(emails[0]["value"].GetString()) == "t@x.com");
    CHECK(std::string(emails[1]["value"].GetString()) == "s1@x.com");
    CHECK(std::string(emails[2]["value"].GetString()) == "s2@x.com");
    CHECK(m.item()["phone"].Size() == 2);
    CHECK(h.get("/directory/contacts/" + s1).status == 404);
    CHECK(h.get("/directory/contacts/" + s2).status == 404);
    CHECK(h.get("/pipeline/leads/" + lead).str("contactId") == target);
    auto o = h.get("/pipeline/opportunities/" + opp);
    CHECK(o.str("contactId") == target);
    CHECK(std::string(o.item()["contact"]["id"].GetString()) == target);
    CHECK(h.get("/cases/cases/" + kase).str("contactId") == target);
    CHECK(h.get("/cases/cases/" + untouched).str("contactId") == other);
    CHECK(h.get("/pipeline/leads?contactId=" + target).count() == 1);

    CHECK(h.post("/directory/contacts/" + target + "/merge", R"({"sourceId":["999"]})").status == 404);
    CHECK(h.post("/directory/contacts/999/merge", R"({"sourceId":[")" + other + R"("]})").status == 404);
    CHECK(h.post("/directory/contacts/" + target + "/merge", R"({"sourceId":[")" + target + R"("]})").status == 400);
    CHECK(h.post("/directory/contacts/" + target + "/merge", R"({})").status == 400);
    CHECK(h.post("/directory/contacts/" + target + "/merge", R"({"sourceId":[]})").status == 400);
    CHECK(h.get("/directory/contacts/" + other).status == 200);
}

TEST_CASE("organizations merge moves leads, opportunities, cases and contacts") {
    SandboxProcess sb;
    Http h(sb);
    auto target = h.post("/directory/organizations", R"({"name":"Acme","phone":[{"label":"Office","value":"1"}]})").id();
    auto src = h.post("/directory/organizations", R"({"name":"Acme dup","phone":[{"label":"Office","value":"2"}],"email":[{"label":"Main","value":"a@acme.com"}]})").id();
    auto lead = h.post("/pipeline/leads", R"({"title":"l","organizationId":")" + src + R"("})").id();
    auto opp = h.post("/pipeline/opportunities", R"({"title":"o","organization":{"id":")" + src + R"(","name":"Acme dup"}})").id();
    auto kase = h.post("/cases/cases", R"({"title":"c","organizationId":")" + src + R"("})").id();
    auto contact = h.post("/directory/contacts", R"({"name":"c","organizationId":")" + src + R"("})").id();
    auto m = h.post("/directory/organizations/" + target + "/merge", R"({ "sourceId": [")" + src + R"("], "lastUpdatedBy": { "id": "user-123", "name": "Alex Kim", "email": "alex.kim@example.com" } })");
    REQUIRE(m.status == 200);
    CHECK(m.item()["phone"].Size() == 2);
    CHECK(m.item()["email"].Size() == 1);
    CHECK(h.get("/directory/organizations/" + src).status == 404);
    CHECK(h.get("/pipeline/leads/" + lead).str("organizationId") == target);
    CHECK(std::string(h.get("/pipeline/opportunities/" + opp).item()["organization"]["id"].GetString()) == target);
    CHECK(h.get("/cases/cases/" + kase).str("organizationId") == target);
    CHECK(h.get("/directory/contacts/" + contact).str("organizationId") == target);
}
