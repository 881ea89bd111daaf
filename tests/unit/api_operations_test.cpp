// Every operation of CLI.md section 1, one row each, as the exact request crm puts on the wire:
// the request built by the command's real builder, through prepare(), read as as_text(). The
// expectations are written from CLI.md and the API reference's endpoint list and examples, not
// from the code: a row that fails is a request the contract does not describe.
#include "api/body.h"
#include "api/requests.h"
#include "api/resources.h"
#include "bulk/wire.h"
#include "cli/api_cmd.h"
#include "curl_support.h"
#include "http/wire.h"

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace crm;

namespace {

constexpr const char* kKey = "k3y-0123456789abcdef";

http::ClientConfig client_config(http::AuthMode auth) {
    http::ClientConfig c;
    c.base_url = "https://crm.example.com";
    c.api_key = kKey;
    c.auth = auth;
    c.user_agent = "crm/9.9.9";
    return c;
}

// The header block of every request, key in the header (the default) or in the query.
const std::string kCommon = "Accept: application/json\nUser-Agent: crm/9.9.9\nExpect:\n";
const std::string kKeyHeader = "Ocp-Apim-Subscription-Key: $CRM_API_KEY\n";
const std::string kBare = kCommon + "Content-Type:\n" + kKeyHeader;
const std::string kJson = kCommon + "Content-Type: application/json\n" + kKeyHeader;
const std::string kBareQ = kCommon + "Content-Type:\n";
const std::string kJsonQ = kCommon + "Content-Type: application/json\n";

// The acting user and tenant of a profile (CLI.md section 3), and one with only a user id.
const api::Identity kWho{"u-7", "Ana Lima", "ana@example.com", "t-1"};
const api::Identity kIdOnly{"u-7", "", "", ""};
const api::Identity kNobody{};
const std::string kCreator = R"("creator":{"id":"u-7","name":"Ana Lima","email":"ana@example.com"})";
const std::string kUpdater = R"("lastUpdatedBy":{"id":"u-7","name":"Ana Lima","email":"ana@example.com"})";

const api::Resource& entity(std::string_view name) {
    const auto* resource = api::find_entity(name);
    if (!resource) throw std::logic_error("no entity " + std::string(name));
    return *resource;
}

const api::Resource& child(std::string_view parent, std::string_view name) {
    for (const auto& r : api::resources()) {
        if (r.parent == parent && r.name == name) return r;
    }
    throw std::logic_error("no child resource " + std::string(name));
}

const api::IdAction& action(const api::Resource& resource, std::string_view name) {
    for (const auto& a : resource.id_actions) {
        if (a.name == name) return a;
    }
    throw std::logic_error("no action " + std::string(name));
}

// A body as the commands make it (cli::make_body): -d, -f, -F, then the profile's identity.
json::Document body(const api::BodyInput& input, std::optional<api::Stamp> stamp, const api::Identity& who = kWho) {
    auto doc = api::build_body(input, [](const std::string& path) -> std::string {
        throw std::logic_error("no file in these rows: " + path);
    });
    if (stamp) api::stamp_identity(doc, who, *stamp);
    return doc;
}

const std::string kFormFields = R"({"fields":[{"id":"title","label":"Title","category":"default","type":"text","required":true}]})";
const std::string kFormSent =
    R"({"fields":[{"id":"title","label":"Title","category":"default","type":"text","required":true}],)" + kCreator +
    R"(,"tenantId":"t-1"})";

struct Row {
    std::string name;
    std::function<http::Request()> build;
    std::string expected;
    http::AuthMode auth = http::AuthMode::header;
};

const std::vector<Row>& rows() {
    using http::AuthMode;
    static const std::vector<Row> table = {
        // Leads
        {"leads list with paging, sort, every named filter and a raw one",
         [] {
             api::ListParams p{.sort = "DESC",
                               .order_by = "createdOn",
                               .named = {{"title", {"Cloud & co"}},
                                         {"contact-id", {"1,2", "3"}},
                                         {"organization-id", {"9"}},
                                         {"tags", {"hot"}},
                                         {"archived", {"false"}},
                                         {"converted", {"true"}}},
                               .raw = {"x-extra=a b"}};
             return api::list_request(entity("leads"), p, 2, 50);
         },
         "GET /pipeline/leads?page=2&size=50&sort=desc&orderBy=createdOn&title=Cloud%20%26%20co&contactId=1%2c2%2c3"
         "&organizationId=9&tags=hot&isArchived=false&isConverted=true&x-extra=a%20b\n" + kBare},
        {"leads create with fields and the creator",
         [] {
             return api::create_request(
                 entity("leads"),
                 body({.fields = {"title=Cloud Migration"}, .typed_fields = {"value.amount=25000", "value.code=USD"}},
                      api::Stamp::create));
         },
         "POST /pipeline/leads\n" + kJson + "\n" +
             R"({"title":"Cloud Migration","value":{"amount":25000,"code":"USD"},)" + kCreator + R"(,"tenantId":"t-1"})"},
        {"leads get", [] { return api::get_request(entity("leads"), "42"); }, "GET /pipeline/leads/42\n" + kBare},
        {"leads update with the updater",
         [] { return api::update_request(entity("leads"), "42", body({.fields = {"note=Call back"}}, api::Stamp::update)); },
         "PATCH /pipeline/leads/42\n" + kJson + "\n" + R"({"note":"Call back",)" + kUpdater + "}"},
        {"leads delete", [] { return api::delete_request(entity("leads"), "42"); }, "DELETE /pipeline/leads/42\n" + kBare},
        {"leads archive, key in the query",
         [] { return api::id_action_request(entity("leads"), action(entity("leads"), "archive"), "42"); },
         "PATCH /pipeline/leads/42/archive?subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},
        {"leads unarchive",
         [] { return api::id_action_request(entity("leads"), action(entity("leads"), "unarchive"), "42"); },
         "PATCH /pipeline/leads/42/unarchive\n" + kBare},
        {"leads convert, a POST with an empty body",
         [] { return api::id_action_request(entity("leads"), action(entity("leads"), "convert"), "42"); },
         "POST /pipeline/leads/42/convert\n" + kBare + "\n"},

        // Opportunities and their pipelines
        {"opportunities list by its alias with named filters",
         [] {
             api::ListParams p{.named = {{"title", {"Deal"}}, {"tags", {"a", "b"}}, {"owner-id", {"u 1"}}}};
             return api::list_request(entity("opps"), p, 1, std::nullopt);
         },
         "GET /pipeline/opportunities?page=1&title=Deal&tags=a%2cb&ownerId=u%201\n" + kBare},
        {"opportunities create from lenient JSON with no identity in the profile",
         [] {
             return api::create_request(
                 entity("opportunities"),
                 body({.data = R"({"title": "New deal", "stage": "stage-xyz", // stage key
                                   "pipelineId": "p-1",})"},
                      api::Stamp::create, kNobody));
         },
         "POST /pipeline/opportunities\n" + kJson + "\n" + R"({"title":"New deal","stage":"stage-xyz","pipelineId":"p-1"})"},
        {"opportunities get with an id that needs percent-encoding",
         [] { return api::get_request(entity("opportunities"), "opp/7 \xC3\xA9"); },
         "GET /pipeline/opportunities/opp%2f7%20%c3%a9\n" + kBare},
        {"opportunities update with a typed field",
         [] {
             return api::update_request(entity("opportunities"), "7",
                                        body({.typed_fields = {"value.amount=100"}}, api::Stamp::update));
         },
         "PATCH /pipeline/opportunities/7\n" + kJson + "\n" + R"({"value":{"amount":100},)" + kUpdater + "}"},
        {"opportunities delete", [] { return api::delete_request(entity("opportunities"), "7"); },
         "DELETE /pipeline/opportunities/7\n" + kBare},
        {"opportunities status lost with a reason and a comment",
         [] {
             return api::status_request(entity("opportunities"),
                                        {.id = "7", .status = "lost", .reason_id = "too_expensive", .comment = "Chose a cheaper one"},
                                        kWho);
         },
         "PATCH /pipeline/opportunities/7/updateStatus\n" + kJson + "\n" +
             R"({"status":"lost","lostReason":{"reasonId":"too_expensive","comment":"Chose a cheaper one"},)" + kUpdater + "}"},
        {"opportunities status won with no identity in the profile",
         [] { return api::status_request(entity("opportunities"), {.id = "7", .status = "won"}, kNobody); },
         "PATCH /pipeline/opportunities/7/updateStatus\n" + kJson + "\n" + R"({"status":"won"})"},
        {"opportunities stage by key, key in the query",
         [] { return api::stage_request(entity("opportunities"), "7", "stage-2", kWho); },
         "PATCH /pipeline/opportunities/7/updateStage?subscription-key=$CRM_API_KEY\n" + kJsonQ + "\n" +
             R"({"stage":"stage-2",)" + kUpdater + "}",
         AuthMode::query},
        {"opportunities pipelines list",
         [] { return api::list_request(child("opportunities", "pipelines"), {}, 1, std::nullopt); },
         "GET /pipeline/pipelines/opportunities?page=1\n" + kBare},
        {"opportunities pipelines get", [] { return api::get_request(child("opportunities", "pipelines"), "p-1"); },
         "GET /pipeline/pipelines/opportunities/p-1\n" + kBare},

        // Editing records (CLI.md section 12): the tag PATCH in each shape, the tag-list lookup,
        // relative dates resolved against a fixed now
        {"leads tag: tags as a comma-joined string, with the updater",
         [] { return api::record_tags_request(entity("leads"), "42", json::parse(R"("hot,enterprise")"), kWho); },
         "PATCH /pipeline/leads/42\n" + kJson + "\n" + R"({"tags":"hot,enterprise",)" + kUpdater + "}"},
        {"opportunities tag: tags as tag objects",
         [] {
             return api::record_tags_request(entity("opps"), "7", json::parse(R"([{"id":"1","label":"renewal"}])"), kNobody);
         },
         "PATCH /pipeline/opportunities/7\n" + kJson + "\n" + R"({"tags":[{"id":"1","label":"renewal"}]})"},
        {"contacts tag: tags as an array of labels, an id that needs percent-encoding",
         [] { return api::record_tags_request(entity("contacts"), "c 1", json::parse(R"(["vip"])"), kNobody); },
         "PATCH /directory/contacts/c%201\n" + kJson + "\n" + R"({"tags":["vip"]})"},
        {"orgs tag", [] { return api::record_tags_request(entity("orgs"), "5", json::parse(R"("")"), kNobody); },
         "PATCH /directory/organizations/5\n" + kJson + "\n" + R"({"tags":""})"},
        {"cases tag, key in the query",
         [] { return api::record_tags_request(entity("cases"), "9", json::parse(R"("billing-issue")"), kNobody); },
         "PATCH /cases/cases/9?subscription-key=$CRM_API_KEY\n" + kJsonQ + "\n" + R"({"tags":"billing-issue"})",
         AuthMode::query},
        {"tag: the tag list looked up whole",
         [] { return api::tags_lookup_request(entity("cases")); }, "GET /cases/tags/cases?page=1&size=1000\n" + kBare},
        {"cases list with relative dates",
         [] {
             using namespace std::chrono;
             api::ListParams p{.named = {{"created-after", {"2w"}}, {"created-before", {"today"}}},
                               .now = sys_days{year{2024} / 3 / 1} + hours{9}};
             return api::list_request(entity("cases"), p, 1, std::nullopt);
         },
         "GET /cases/cases?page=1&createdAfterDate=2024-02-16T09%3a00%3a00Z&createdBeforeDate=2024-03-01T00%3a00%3a00Z\n" +
             kBare},

        // Forms: leads and opportunities share one
        {"forms get opportunities", [] { return api::form_get_request(entity("opportunities")); },
         "GET /pipeline/forms/opportunities\n" + kBare},
        {"forms set opportunities",
         [] { return api::form_set_request(entity("opportunities"), body({.data = kFormFields}, api::Stamp::create)); },
         "PUT /pipeline/forms/opportunities\n" + kJson + "\n" + kFormSent},
        {"forms get leads is the opportunities form", [] { return api::form_get_request(entity("leads")); },
         "GET /pipeline/forms/opportunities\n" + kBare},
        {"forms set leads is the opportunities form",
         [] { return api::form_set_request(entity("leads"), body({.data = kFormFields}, api::Stamp::create)); },
         "PUT /pipeline/forms/opportunities\n" + kJson + "\n" + kFormSent},
        {"forms get contacts", [] { return api::form_get_request(entity("contacts")); },
         "GET /directory/forms/contacts\n" + kBare},
        {"forms set contacts",
         [] { return api::form_set_request(entity("contacts"), body({.data = kFormFields}, api::Stamp::create)); },
         "PUT /directory/forms/contacts\n" + kJson + "\n" + kFormSent},
        {"forms get orgs", [] { return api::form_get_request(entity("orgs")); },
         "GET /directory/forms/organizations\n" + kBare},
        {"forms set orgs by its alias",
         [] { return api::form_set_request(entity("organizations"), body({.data = kFormFields}, api::Stamp::create)); },
         "PUT /directory/forms/organizations\n" + kJson + "\n" + kFormSent},

        // Tags of each entity
        {"tags list leads", [] { return api::tags_list_request(entity("leads")); }, "GET /pipeline/tags/leads\n" + kBare},
        {"tags create leads with a colour and the tenant",
         [] { return api::tag_create_request(entity("leads"), {.label = "high-priority", .color = "#ff0000"}, kWho); },
         "POST /pipeline/tags/leads\n" + kJson + "\n" + R"({"label":"high-priority","color":"#ff0000","tenantId":"t-1"})"},
        {"tags update leads",
         [] { return api::tag_update_request(entity("leads"), "5", {.label = "urgent", .color = "#8b0000"}); },
         "PATCH /pipeline/tags/leads/5\n" + kJson + "\n" + R"({"label":"urgent","color":"#8b0000"})"},
        {"tags delete leads", [] { return api::tag_delete_request(entity("leads"), "5"); },
         "DELETE /pipeline/tags/leads/5\n" + kBare},
        {"tags list opportunities", [] { return api::tags_list_request(entity("opportunities")); },
         "GET /pipeline/tags/opportunities\n" + kBare},
        {"tags create opportunities with no tenant in the profile",
         [] { return api::tag_create_request(entity("opportunities"), {.label = "won-back"}, kNobody); },
         "POST /pipeline/tags/opportunities\n" + kJson + "\n" + R"({"label":"won-back"})"},
        {"tags update opportunities, the label only",
         [] { return api::tag_update_request(entity("opportunities"), "6", {.label = "lost-cause"}); },
         "PATCH /pipeline/tags/opportunities/6\n" + kJson + "\n" + R"({"label":"lost-cause"})"},
        {"tags delete opportunities", [] { return api::tag_delete_request(entity("opportunities"), "6"); },
         "DELETE /pipeline/tags/opportunities/6\n" + kBare},
        {"tags list contacts", [] { return api::tags_list_request(entity("contacts")); },
         "GET /directory/tags/contacts\n" + kBare},
        {"tags create contacts",
         [] { return api::tag_create_request(entity("contacts"), {.label = "vip", .color = "#00FF00"}, kWho); },
         "POST /directory/tags/contacts\n" + kJson + "\n" + R"({"label":"vip","color":"#00FF00","tenantId":"t-1"})"},
        {"tags update contacts with a tag id that needs percent-encoding",
         [] { return api::tag_update_request(entity("contacts"), "t 5#x", {.color = "#123abc"}); },
         "PATCH /directory/tags/contacts/t%205%23x\n" + kJson + "\n" + R"({"color":"#123abc"})"},
        {"tags delete contacts", [] { return api::tag_delete_request(entity("contacts"), "8"); },
         "DELETE /directory/tags/contacts/8\n" + kBare},
        {"tags list orgs", [] { return api::tags_list_request(entity("orgs")); },
         "GET /directory/tags/organizations\n" + kBare},
        {"tags create orgs",
         [] { return api::tag_create_request(entity("orgs"), {.label = "partner"}, kWho); },
         "POST /directory/tags/organizations\n" + kJson + "\n" + R"({"label":"partner","tenantId":"t-1"})"},
        {"tags update orgs",
         [] { return api::tag_update_request(entity("orgs"), "9", {.label = "ex-partner", .color = "#000000"}); },
         "PATCH /directory/tags/organizations/9\n" + kJson + "\n" + R"({"label":"ex-partner","color":"#000000"})"},
        {"tags delete orgs", [] { return api::tag_delete_request(entity("orgs"), "9"); },
         "DELETE /directory/tags/organizations/9\n" + kBare},
        {"tags list cases", [] { return api::tags_list_request(entity("cases")); }, "GET /cases/tags/cases\n" + kBare},
        {"tags create cases",
         [] { return api::tag_create_request(entity("cases"), {.label = "billing-issue", .color = "#4b0082"}, kWho); },
         "POST /cases/tags/cases\n" + kJson + "\n" + R"({"label":"billing-issue","color":"#4b0082","tenantId":"t-1"})"},
        {"tags update cases",
         [] { return api::tag_update_request(entity("cases"), "3", {.label = "escalated-urgent", .color = "#b8860b"}); },
         "PATCH /cases/tags/cases/3\n" + kJson + "\n" + R"({"label":"escalated-urgent","color":"#b8860b"})"},
        {"tags delete cases, key in the query", [] { return api::tag_delete_request(entity("cases"), "3"); },
         "DELETE /cases/tags/cases/3?subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},

        // Bulk delete: one endpoint per group, the entity named in the body
        {"bulk delete leads", [] { return bulk::delete_request(entity("leads"), {"1", "2", "3"}); },
         "POST /pipeline/bulk-actions\n" + kJson + "\n" + R"({"entity":"lead","action":"delete","ids":["1","2","3"]})"},
        {"bulk delete opportunities", [] { return bulk::delete_request(entity("opportunities"), {"4"}); },
         "POST /pipeline/bulk-actions\n" + kJson + "\n" + R"({"entity":"opportunity","action":"delete","ids":["4"]})"},
        {"bulk delete contacts", [] { return bulk::delete_request(entity("contacts"), {"a b", "c\"d"}); },
         "POST /directory/bulk-actions\n" + kJson + "\n" + R"({"entity":"contact","action":"delete","ids":["a b","c\"d"]})"},
        {"bulk delete orgs", [] { return bulk::delete_request(entity("orgs"), {"10", "11"}); },
         "POST /directory/bulk-actions\n" + kJson + "\n" + R"({"entity":"organization","action":"delete","ids":["10","11"]})"},
        {"bulk delete cases, key in the query", [] { return bulk::delete_request(entity("cases"), {"1", "2"}); },
         "POST /cases/bulk-actions?subscription-key=$CRM_API_KEY\n" + kJsonQ + "\n" +
             R"({"entity":"case","action":"delete","ids":["1","2"]})",
         AuthMode::query},

        // Contacts
        {"contacts list with every named filter",
         [] {
             api::ListParams p{.named = {{"ids", {"1", "2"}},
                                         {"name", {"Jane Doe"}},
                                         {"email", {"jane+x@example.com"}},
                                         {"phone", {"+1 555"}},
                                         {"tags", {"vip"}},
                                         {"organization-id", {"42"}},
                                         {"search", {"Jo"}}}};
             return api::list_request(entity("contacts"), p, 1, 10);
         },
         "GET /directory/contacts?page=1&size=10&ids=1%2c2&name=Jane%20Doe&email=jane%2bx%40example.com&phone=%2b1%20555"
         "&tags=vip&organizationId=42&searchValue=Jo\n" + kBare},
        {"contacts create with only a user id in the profile",
         [] {
             return api::create_request(entity("contacts"),
                                        body({.fields = {"name=Jane Doe", "jobTitle=Engineer"}}, api::Stamp::create, kIdOnly));
         },
         "POST /directory/contacts\n" + kJson + "\n" + R"({"name":"Jane Doe","jobTitle":"Engineer","creator":{"id":"u-7"}})"},
        {"contacts get with an id that needs percent-encoding, key in the query",
         [] { return api::get_request(entity("contacts"), "c/1?x"); },
         "GET /directory/contacts/c%2f1%3fx?subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},
        {"contacts update",
         [] { return api::update_request(entity("contacts"), "1", body({.fields = {"jobTitle=Lead"}}, api::Stamp::update)); },
         "PATCH /directory/contacts/1\n" + kJson + "\n" + R"({"jobTitle":"Lead",)" + kUpdater + "}"},
        {"contacts delete", [] { return api::delete_request(entity("contacts"), "1"); },
         "DELETE /directory/contacts/1\n" + kBare},
        {"contacts merge",
         [] { return api::merge_request(entity("contacts"), "1", {"2", "3", "4"}, kWho); },
         "POST /directory/contacts/1/merge\n" + kJson + "\n" + R"({"sourceId":["2","3","4"],)" + kUpdater + "}"},

        // Organizations
        {"orgs list with every named filter",
         [] {
             api::ListParams p{.sort = "asc",
                               .order_by = "name",
                               .named = {{"name", {"Acme"}}, {"address", {"1 Main St"}}, {"tags", {"a", "b,c"}}}};
             return api::list_request(entity("orgs"), p, 1, std::nullopt);
         },
         "GET /directory/organizations?page=1&sort=asc&orderBy=name&name=Acme&address=1%20Main%20St&tags=a%2cb%2cc\n" + kBare},
        {"orgs create",
         [] { return api::create_request(entity("orgs"), body({.fields = {"name=Acme"}}, api::Stamp::create)); },
         "POST /directory/organizations\n" + kJson + "\n" + R"({"name":"Acme",)" + kCreator + R"(,"tenantId":"t-1"})"},
        {"orgs get by its alias", [] { return api::get_request(entity("organizations"), "5"); },
         "GET /directory/organizations/5\n" + kBare},
        {"orgs update keeps a lastUpdatedBy the body brings",
         [] {
             return api::update_request(entity("orgs"), "5",
                                        body({.data = R"({"website":"https://acme.example","lastUpdatedBy":{"id":"bot"}})"},
                                             api::Stamp::update));
         },
         "PATCH /directory/organizations/5\n" + kJson + "\n" +
             R"({"website":"https://acme.example","lastUpdatedBy":{"id":"bot"}})"},
        {"orgs delete", [] { return api::delete_request(entity("orgs"), "5"); },
         "DELETE /directory/organizations/5\n" + kBare},
        {"orgs merge with a target id that needs percent-encoding, key in the query",
         [] { return api::merge_request(entity("orgs"), "org 1", {"2", "3"}, kWho); },
         "POST /directory/organizations/org%201/merge?subscription-key=$CRM_API_KEY\n" + kJsonQ + "\n" +
             R"({"sourceId":["2","3"],)" + kUpdater + "}",
         AuthMode::query},

        // Cases and case types
        {"cases list with dates, offset and the other named filters",
         [] {
             api::ListParams p{.named = {{"status", {"open"}},
                                         {"case-type", {"ct-1"}},
                                         {"created-after", {"2024-01-01T00:00:00Z"}},
                                         {"created-before", {"2024-12-31"}},
                                         {"offset", {"20"}}}};
             return api::list_request(entity("cases"), p, 1, 10);
         },
         "GET /cases/cases?page=1&size=10&status=open&caseType=ct-1&createdAfterDate=2024-01-01T00%3a00%3a00Z"
         "&createdBeforeDate=2024-12-31&offset=20\n" + kBare},
        {"cases create",
         [] {
             return api::create_request(entity("cases"),
                                        body({.fields = {"title=Outage", "caseTypeId=1"}}, api::Stamp::create));
         },
         "POST /cases/cases\n" + kJson + "\n" + R"({"title":"Outage","caseTypeId":"1",)" + kCreator + R"(,"tenantId":"t-1"})"},
        {"cases get", [] { return api::get_request(entity("cases"), "9"); }, "GET /cases/cases/9\n" + kBare},
        {"cases update",
         [] { return api::update_request(entity("cases"), "9", body({.fields = {"status=closed"}}, api::Stamp::update)); },
         "PATCH /cases/cases/9\n" + kJson + "\n" + R"({"status":"closed",)" + kUpdater + "}"},
        {"cases delete", [] { return api::delete_request(entity("cases"), "9"); }, "DELETE /cases/cases/9\n" + kBare},
        {"cases types list, key in the query",
         [] { return api::list_request(child("cases", "types"), {}, 1, std::nullopt); },
         "GET /cases/types/cases?page=1&subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},
        {"cases types get", [] { return api::get_request(child("cases", "types"), "ct-1"); },
         "GET /cases/types/cases/ct-1\n" + kBare},
        {"cases types create",
         [] {
             return api::create_request(child("cases", "types"),
                                        body({.fields = {"label=Feature Request"}}, api::Stamp::create));
         },
         "POST /cases/types/cases\n" + kJson + "\n" + R"({"label":"Feature Request",)" + kCreator + R"(,"tenantId":"t-1"})"},
        {"cases types update",
         [] {
             return api::update_request(child("cases", "types"), "ct-1",
                                        body({.fields = {"label=Technical Support"}}, api::Stamp::update));
         },
         "PATCH /cases/types/cases/ct-1\n" + kJson + "\n" + R"({"label":"Technical Support",)" + kUpdater + "}"},
        {"cases types delete", [] { return api::delete_request(child("cases", "types"), "ct-1"); },
         "DELETE /cases/types/cases/ct-1\n" + kBare},

        // crm api: the path's own query, then -q, then the key
        {"api GET with the path's query and -q",
         [] { return cli::api_request({.path = "/pipeline/leads?x=a+b%2Bc", .query = {"title=Big deal & co=1"}}, std::nullopt); },
         "GET /pipeline/leads?x=a%20b%2bc&title=Big%20deal%20%26%20co%3d1\n" + kBare},
        {"api with a body is a POST, and a path without its slash",
         [] { return cli::api_request({.path = "pipeline/tags/leads"}, json::write(body({.fields = {"label=vip"}}, std::nullopt))); },
         "POST /pipeline/tags/leads\n" + kJson + "\n" + R"({"label":"vip"})"},
        {"api -X delete in lower case, key in the query",
         [] { return cli::api_request({.method = "delete", .path = "/cases/cases/9", .query = {"force=1"}}, std::nullopt); },
         "DELETE /cases/cases/9?force=1&subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},

        // crm auth status / login: the key probe
        {"key probe", [] { return api::key_probe_request(); }, "GET /pipeline/leads?page=1&size=1\n" + kBare},
        {"key probe, key in the query", [] { return api::key_probe_request(); },
         "GET /pipeline/leads?page=1&size=1&subscription-key=$CRM_API_KEY\n" + kBareQ, AuthMode::query},
    };
    return table;
}

}  // namespace

TEST_CASE("every operation of CLI.md section 1 sends exactly its request", "[api][operations]") {
    for (const Row& row : rows()) {
        INFO(row.name);
        CHECK(http::as_text(http::prepare(client_config(row.auth), row.build())) == row.expected);
    }
}

TEST_CASE("for every operation, the dry run's curl command sends what as_text says", "[api][operations][dry-run]") {
    for (const Row& row : rows()) {
        const http::Wire wire = http::prepare(client_config(row.auth), row.build());
        const std::string command = http::as_curl(wire);
        INFO(row.name);
        INFO(command);
        CHECK(command.find(kKey) == std::string::npos);
        CHECK(http::as_text(crmtest::from_curl(command)) == http::as_text(wire));
    }
}
