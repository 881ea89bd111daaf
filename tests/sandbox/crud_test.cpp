// Create/get/update/delete of every entity, with the reference's own example bodies, and
// validation errors.
#include "http_helpers.h"

#include <catch2/catch.hpp>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

// The reference's example bodies, verbatim (comments and trailing commas included).
const char* kLeadExample2 = R"({ "title": "Leads with Custom Fields from API", "value": { "code": "USD", "amount": 10000 }, "origin": "website", "leadRating": "2_warm", "note": "Note", "owner": { "id": "5c68efa2-6024-4dc9-8b65-b2bc2e26ba17", "name": "MOD Administrator", "email": "admin@M365x97476737.onmicrosoft.com" }, "organizationId": "1", "contactId": "1", "followers": [ { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", "email": "johndoe@me.com" } ], "participants": [ { "id": "123", "name": "John Doe" } ], "customFields": { "3bf89603-37c2-4324-b3bf-665b7e35be23": "2025-02-20", //Date
 "e1e0b23d-163e-46ca-a072-95d50c4c7bb4": { //Date Range
 "start": "2025-02-20", "end": "2025-02-21" }, "08a38c43-c43a-4aa8-9086-ca5015592526": "2025-02-20T09:27",//Date and Time
 "f9c1f41f-dbd8-4941-a8b1-7b8032852447": "1", //Number
 "4c405ec6-8eb8-4060-b873-ce1d09e5267e": [ { "id": "7ed65a4e-a458-48ee-b57b-801b46e7f5d6", //Tag Pickeer
 "label": "Tag3", "color": "#FF7A00" } ] } })";

const char* kOpportunityExample = R"({ "title": "New Opportunity - Example Corp", "value": { "amount": 50000, "code": "USD" }, "stage": "stage-xyz", //stage key
 "pipelineId": "c4d5e6f7-8901-2345-6789-abcdef012345", "origin": "inbound", "leadRating": "3_hot", "note": "Initial contact promising. Schedule demo.", "organization": { "id": "7", "name": "Example Corp" }, "owner":{ "id": "99999-dfds-4324-sdfsdf", "name": "Alex Kim", "email": "alex.kim@example.com" }, "creator":{ "id": "88888-dfds-4324-sdfsdf", "name": "Alex Kim", "email": "alex.kim@example.com" }, "tenantId": "tenant-id-example" })";

const char* kOpportunityPatchExample = R"({ "title": "Edited", "value": { "amount": 100, "code": "USD" }, "stage": "", "origin": "website", "leadRating": "1_cold", "note": "This is a note", "tags": "opportunity-tags", "owner": { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", "email": "johndoe@me.com" }, "organizationId": "1", "contactId": "1", "followers": [ { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", "email": "johndoe@me.com" } ], "participants": [ { "id": "123", "name": "John Doe" } ], "pipelineId": "727a1a94-dda3-4e68-92cb-343e3e3d4fbc", "customFields": { } })";

const char* kContactExample = R"({ "name": "Jane Doe", "email": [ { "label": "Work", "value": "jane.doe@work.com", "primary": true }, { "label": "Personal", "value": "jane.doe@home.com", "primary": false } ], "phone": [ { "label": "Mobile", "value": "+15551234567", "primary": true } ], "owner": { "id": "user-123", "name": "John Smith", "email": "john.smith@example.com" }, "creator": { "id": "user-123", "name": "John Smith", "email": "john.smith@example.com" }, "organizationId": "42", "linkedin": "https://www.linkedin.com/in/janedoe", "jobTitle": "Software Engineer", "seniorityLevel": "2_junior", "department": "engineering", "note": "New contact from conference.", "tenantId": "your-tenant-id", "customFields": { "custom_field_1": "Some Value" } })";

const char* kOrganizationExample = R"({ "name": "Acme Corporation", "address": "123 Main Street, Anytown, USA", "email": [ { "label": "Main", "value": "info@acme.com", "primary": true } ], "phone": [ { "label": "Office", "value": "+1-555-123-4567", "primary": true } ], "industry": "Technology", "size": "3_medium", "annualRevenue": "4_tenToHundredMillion", "website": "https://www.acme.com", "note": "Leading provider of widgets.", "owner": { "id": "user-789", "name": "Sarah Lee", "email": "sarah.lee@example.com" }, "creator": { "id": "user-789", "name": "Sarah Lee", "email": "sarah.lee@example.com" }, "tenantId": "your-tenant-id", "customFields": { } })";

const char* kCaseExample = R"({ "title": "Support Request - System Outage", "description": "Users reporting inability to access the system.", "status": "open", "organizationId": "4", "contactId": "7", "caseTypeId": "1", "assignee": { "id": "user-abc", "name": "Support Agent", "email": "support@example.com" }, "priority": "1_high", "expectedDate": "2024-03-01", "owner": { "id": "user-def", "name": "Case Owner", "email": "owner@example.com" }, "creator": { "id": "user-def", "name": "Case Owner", "email": "owner@example.com" }, "tenantId": "tenant-id-example", "customFields": { } })";

const char* kCaseTypeExample = R"({ "label": "Feature Request", "form": [ { "id": "title", "label": "Title", "category": "default", "type": "text", "required": true } ], "workflow": { "status": [ { "id": "open", "type": "node", "position": { "x": 100, "y": 100 }, "data": { "label": "Open", "recordResolutionSLA": false, "color": "#ff0000" } } ], "transition": [ { "id": "03143c6f-c8bd-425e-9eff-31be3011dff9", "type": "labeledEdge", "label": "Close", "source": "Open", "sourceHandle": null, "target": "Closed", "targetHandle": null, "data": { "isEditing": false, "recordComment": false } } ] } })";

struct Entity {
    std::string path, example, required, patch;
};

void check_server_fields(const sbt::Reply& r) {
    const auto& it = r.item();
    REQUIRE(it.IsObject());
    CHECK(it["id"].IsString());
    CHECK(it["createdAt"].IsString());
    CHECK(it["createdOn"].IsString());
    CHECK(it["updatedAt"].IsString());
    CHECK(std::string(it["createdAt"].GetString()).back() == 'Z');
}

}  // namespace

TEST_CASE("every entity: create, get, partial update, delete, with the reference's bodies") {
    SandboxProcess sb;
    Http h(sb);
    const std::vector<Entity> entities{
        {"/pipeline/leads", kLeadExample2, "title", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
        {"/pipeline/opportunities", kOpportunityExample, "title", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
        {"/directory/contacts", kContactExample, "name", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
        {"/directory/organizations", kOrganizationExample, "name", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
        {"/cases/cases", kCaseExample, "title", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
        {"/cases/types/cases", kCaseTypeExample, "label", R"({"note":"patched","myCustom":{"a":[1,2]}})"},
    };
    for (const auto& e : entities) {
        INFO(e.path);
        auto c = h.post(e.path, e.example);
        REQUIRE(c.status == 201);
        check_server_fields(c);
        const std::string id = c.id();
        const std::string original = c.str(e.required.c_str());

        auto g = h.get(e.path + "/" + id);
        REQUIRE(g.status == 200);
        CHECK(sbt::dump(g.item()) == sbt::dump(c.item()));

        auto p = h.patch(e.path + "/" + id, e.patch);
        REQUIRE(p.status == 200);
        CHECK(p.str("note") == "patched");
        CHECK(p.str(e.required.c_str()) == original);            // partial: untouched fields stay
        CHECK(sbt::dump(p.item()["myCustom"]) == R"({"a":[1,2]})");  // unknown fields round-trip
        CHECK(p.str("createdAt") == c.str("createdAt"));
        CHECK(h.get(e.path + "/" + id).str("note") == "patched");

        auto d = h.del(e.path + "/" + id);
        CHECK(d.status == 204);
        CHECK(d.body.empty());
        auto gone = h.get(e.path + "/" + id);
        CHECK(gone.status == 404);
        CHECK(gone.json["statusCode"].GetInt() == 404);
        CHECK(h.del(e.path + "/" + id).status == 404);
        CHECK(h.patch(e.path + "/" + id, e.patch).status == 404);
    }
}

TEST_CASE("ids are strings, fresh per collection, never reused") {
    SandboxProcess sb;
    Http h(sb);
    auto a = h.post("/pipeline/leads", R"({"title":"a","id":"forced","createdAt":"1999-01-01"})");
    CHECK(a.id() == "1");
    CHECK(a.str("createdAt") != "1999-01-01");
    auto b = h.post("/pipeline/leads", R"({"title":"b"})");
    CHECK(b.id() == "2");
    h.del("/pipeline/leads/2");
    CHECK(h.post("/pipeline/leads", R"({"title":"c"})").id() == "3");
    CHECK(h.post("/directory/contacts", R"({"name":"c"})").id() == "1");
    CHECK(h.patch("/pipeline/leads/1", R"({"id":"9"})").id() == "1");
}

TEST_CASE("leads start neither archived nor converted, cases and opportunities start open") {
    SandboxProcess sb;
    Http h(sb);
    auto l = h.post("/pipeline/leads", R"({"title":"x"})");
    CHECK(l.item()["isArchived"].GetBool() == false);
    CHECK(l.item()["isConverted"].GetBool() == false);
    CHECK(h.post("/cases/cases", R"({"title":"x"})").str("status") == "open");
    auto o = h.post("/pipeline/opportunities", R"({"title":"x"})");
    CHECK(o.str("status") == "open");
    CHECK(o.str("pipelineId") == "c4d5e6f7-8901-2345-6789-abcdef012345");
    CHECK(o.str("stage") == "stage-new");
}

TEST_CASE("opportunity pipeline and stage: the reference's PATCH example moves it to the other pipeline") {
    SandboxProcess sb;
    Http h(sb);
    auto o = h.post("/pipeline/opportunities", kOpportunityExample);
    REQUIRE(o.status == 201);
    CHECK(o.str("stage") == "stage-xyz");
    auto p = h.patch("/pipeline/opportunities/" + o.id(), kOpportunityPatchExample);
    REQUIRE(p.status == 200);
    CHECK(p.str("pipelineId") == "727a1a94-dda3-4e68-92cb-343e3e3d4fbc");
    CHECK(p.str("stage") == "partner-intro");
    CHECK(p.str("title") == "Edited");
    auto bad_stage = h.post("/pipeline/opportunities", R"({"title":"x","stage":"stage-nope"})");
    CHECK(bad_stage.status == 400);
    CHECK(std::string(bad_stage.json["field"].GetString()) == "stage");
    auto bad_pipe = h.post("/pipeline/opportunities", R"({"title":"x","pipelineId":"nope"})");
    CHECK(bad_pipe.status == 400);
    CHECK(std::string(bad_pipe.json["field"].GetString()) == "pipelineId");
}

TEST_CASE("cases: caseTypeId must exist when given") {
    SandboxProcess sb;
    Http h(sb);
    CHECK(h.get("/cases/types/cases/1").str("label") == "Support Request");
    auto bad = h.post("/cases/cases", R"({"title":"x","caseTypeId":"42"})");
    CHECK(bad.status == 400);
    CHECK(std::string(bad.json["field"].GetString()) == "caseTypeId");
    auto c = h.post("/cases/cases", R"({"title":"x","caseTypeId":"1"})");
    REQUIRE(c.status == 201);
    CHECK(h.patch("/cases/cases/" + c.id(), R"({"caseTypeId":"42"})").status == 400);
    auto t = h.post("/cases/types/cases", R"({"label":"Bug"})");
    CHECK(h.patch("/cases/cases/" + c.id(), R"({"caseTypeId":")" + t.id() + R"("})").status == 200);
    CHECK(h.get("/cases/types/cases").count() == 2);
}

TEST_CASE("tags of all five entities: list, create, update, delete") {
    SandboxProcess sb;
    Http h(sb);
    for (std::string path : {"/pipeline/tags/leads", "/pipeline/tags/opportunities", "/directory/tags/contacts",
                             "/directory/tags/organizations", "/cases/tags/cases"}) {
        INFO(path);
        auto c = h.post(path, R"({ "label": "high-priority", "color": "#ff0000", "tenantId": "your-tenant-id" })");
        REQUIRE(c.status == 201);
        CHECK(c.str("label") == "high-priority");
        auto l = h.get(path);
        REQUIRE(l.status == 200);
        REQUIRE(l.items().Size() == 1);
        CHECK(std::string(l.items()[0]["label"].GetString()) == "high-priority");
        auto u = h.patch(path + "/" + c.id(), R"({ "label": "urgent", "color": "#8b0000" })");
        CHECK(u.status == 200);
        CHECK(u.str("label") == "urgent");
        CHECK(u.str("color") == "#8b0000");
        auto nolabel = h.post(path, R"({"color":"#fff"})");
        CHECK(nolabel.status == 400);
        CHECK(std::string(nolabel.json["field"].GetString()) == "label");
        CHECK(h.del(path + "/" + c.id()).status == 204);
        CHECK(h.get(path).items().Size() == 0);
        CHECK(h.del(path + "/" + c.id()).status == 404);
    }
}

TEST_CASE("validation: required fields, types, malformed JSON") {
    SandboxProcess sb;
    Http h(sb);
    struct Case {
        std::string path, body, field, message;
    };
    const std::vector<Case> cases{
        {"/pipeline/leads", R"({"note":"no title"})", "title", "title is required"},
        {"/pipeline/opportunities", R"({})", "title", "title is required"},
        {"/cases/cases", R"({"title":null})", "title", "title is required"},
        {"/directory/contacts", R"({"email":[]})", "name", "name is required"},
        {"/directory/organizations", R"({})", "name", "name is required"},
        {"/cases/types/cases", R"({})", "label", "label is required"},
        {"/pipeline/leads", R"({"title":12})", "title", "title must be a string"},
        {"/pipeline/leads", R"({"title":""})", "title", "title must not be empty"},
        {"/pipeline/leads", R"({"title":"t","value":5})", "value", "value must be an object"},
        {"/pipeline/leads", R"({"title":"t","owner":"bob"})", "owner", "owner must be an object"},
        {"/pipeline/leads", R"({"title":"t","isArchived":"yes"})", "isArchived", "isArchived must be a boolean"},
        {"/directory/contacts", R"({"name":"n","email":5})", "email", "email must be a string or an array"},
        {"/pipeline/leads", R"({"title":"t",)", "body", ""},
        {"/pipeline/leads", R"(not json)", "body", ""},
        {"/pipeline/leads", R"([1,2])", "body", "request body must be a JSON object"},
        {"/pipeline/leads", "", "body", "request body is required (a JSON object)"},
    };
    for (const auto& c : cases) {
        INFO(c.path << " " << c.body);
        auto r = h.post(c.path, c.body);
        REQUIRE(r.status == 400);
        CHECK(r.json["statusCode"].GetInt() == 400);
        CHECK(std::string(r.json["field"].GetString()) == c.field);
        if (!c.message.empty()) CHECK(std::string(r.json["message"].GetString()) == c.message);
    }
    auto lead = h.post("/pipeline/leads", R"({"title":"ok"})");
    auto p = h.patch("/pipeline/leads/" + lead.id(), R"({"title":""})");
    CHECK(p.status == 400);
    CHECK(h.patch("/pipeline/leads/" + lead.id(), R"({"value":"x"})").status == 400);
    CHECK(h.patch("/pipeline/leads/" + lead.id(), "{oops").status == 400);
    CHECK(h.get("/pipeline/leads").count() == 1);  // nothing invalid was stored
}
