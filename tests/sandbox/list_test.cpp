// Lists: pagination, sort, orderBy, every filter of CLI.md §2, parameter validation, seeding.
#include "http_helpers.h"
#include "support/process.h"

#include <catch2/catch.hpp>
#include <set>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

std::vector<std::string> ids_of(const sbt::Reply& r) {
    std::vector<std::string> out;
    for (const auto& it : r.items().GetArray()) out.emplace_back(it["id"].GetString());
    return out;
}
using V = std::vector<std::string>;

}  // namespace

TEST_CASE("pagination: page, size, total, beyond the end is an empty page") {
    SandboxProcess sb({"--list-shape", "paged"});
    Http h(sb);
    for (int i = 1; i <= 25; ++i) h.post("/pipeline/leads", R"({"title":"lead )" + std::to_string(i) + R"("})");
    auto first = h.get("/pipeline/leads");
    CHECK(first.items().Size() == 10);  // default size
    CHECK(first.json["page"].GetInt() == 1);
    CHECK(first.json["size"].GetInt() == 10);
    CHECK(first.total() == 25);
    auto p3 = h.get("/pipeline/leads?page=3&size=10");
    CHECK(ids_of(p3) == V{"21", "22", "23", "24", "25"});
    CHECK(p3.json["page"].GetInt() == 3);
    auto beyond = h.get("/pipeline/leads?page=9&size=10");
    CHECK(beyond.status == 200);
    CHECK(beyond.items().Size() == 0);
    CHECK(beyond.total() == 25);
    CHECK(h.get("/pipeline/leads?size=1000").items().Size() == 25);
    CHECK(h.get("/pipeline/leads?size=1").items().Size() == 1);
    for (const char* bad : {"page=0", "page=-1", "page=x", "size=0", "size=1001", "size=ten", "page=1.5",
                            "sort=up", "orderBy=a.b", "orderBy=", "isArchived=maybe"}) {
        INFO(bad);
        auto r = h.get(std::string("/pipeline/leads?") + bad);
        CHECK(r.status == 400);
        CHECK(r.json.HasMember("field"));
    }
}

TEST_CASE("list shape: items by default is exactly {\"items\":[...]}, paged adds page, size, total") {
    SandboxProcess items_only;
    SandboxProcess paged({"--list-shape", "paged"});
    for (auto* sb : {&items_only, &paged}) Http(*sb).post("/pipeline/tags/leads", R"({"label":"hot"})");
    for (const char* path : {"/pipeline/leads", "/pipeline/tags/leads", "/pipeline/pipelines/opportunities",
                             "/cases/cases?offset=0", "/directory/contacts?name=x&page=2&size=5"}) {
        INFO(path);
        auto r = Http(items_only).get(path);
        REQUIRE(r.status == 200);
        CHECK(r.json.MemberCount() == 1);
        CHECK(r.json["items"].IsArray());
        auto p = Http(paged).get(path);
        REQUIRE(p.status == 200);
        CHECK(p.json.MemberCount() == 4);
        for (const char* k : {"items", "page", "size", "total"}) CHECK(p.json.HasMember(k));
    }
    CHECK(Http(items_only).get("/pipeline/tags/leads").body.find(R"("label":"hot")") != std::string::npos);
    auto bad = crmtest::run({CRM_SANDBOX_BIN, "--list-shape", "pages"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--list-shape") != std::string::npos);
}

TEST_CASE("max page size: pages of at most N, offsets in served sizes, a client walk sees every record once") {
    SandboxProcess sb({"--max-page-size", "7", "--list-shape", "paged"});
    Http h(sb);
    for (int i = 1; i <= 25; ++i) h.post("/pipeline/leads", R"({"title":"lead )" + std::to_string(i) + R"("})");
    auto p1 = h.get("/pipeline/leads?page=1&size=1000");
    CHECK(ids_of(p1) == V{"1", "2", "3", "4", "5", "6", "7"});
    CHECK(p1.json["size"].GetInt() == 7);  // the size served, not the size asked
    CHECK(p1.total() == 25);
    CHECK(ids_of(h.get("/pipeline/leads?page=2&size=1000")) == V{"8", "9", "10", "11", "12", "13", "14"});
    CHECK(ids_of(h.get("/pipeline/leads?page=4&size=1000")) == V{"22", "23", "24", "25"});
    CHECK(h.get("/pipeline/leads?page=5&size=1000").count() == 0);
    CHECK(ids_of(h.get("/pipeline/leads?page=2&size=3")) == V{"4", "5", "6"});  // below the cap: as asked
    CHECK(h.get("/pipeline/leads").count() == 7);  // the default size 10 is capped too
    CHECK(ids_of(h.get("/pipeline/leads?page=2&size=1000&sort=desc")) ==
          V{"18", "17", "16", "15", "14", "13", "12"});

    // The client's walk (CLI.md §2): same size every time, until a page shorter than the served size.
    std::vector<std::string> seen;
    int64_t served = 0;
    for (int page = 1; page < 100; ++page) {
        auto r = h.get("/pipeline/leads?size=1000&page=" + std::to_string(page));
        REQUIRE(r.status == 200);
        for (auto& id : ids_of(r)) seen.push_back(id);
        if (page == 1) served = r.count();
        if (r.count() < served || r.count() == 0) break;
    }
    CHECK(seen.size() == 25);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 25);
    for (const char* bad : {"0", "1001", "x"}) {
        INFO(bad);
        CHECK(crmtest::run({CRM_SANDBOX_BIN, "--max-page-size", bad}).exit_code == 2);
    }
}

TEST_CASE("absurd page, size and offset numbers: 400 naming the parameter, never an overflow") {
    SandboxProcess sb({"--list-shape", "paged"});
    Http h(sb);
    h.post("/cases/cases", R"({"title":"one"})");
    for (const char* bad : {"page=99999999999999999999", "page=-1", "page=9223372036854775807",
                            "page=2147483648", "page=-9223372036854775808", "page=abc", "page=", "page=%2B1",
                            "page=1%00", "page=%001", "page=1e3", "page=%20%201", "size=0", "size=-5",
                            "size=99999999999999999999", "size=1%00", "offset=-1",
                            "offset=99999999999999999999"}) {
        INFO(bad);
        auto r = h.get(std::string("/cases/cases?") + bad);
        CHECK(r.status == 400);
        REQUIRE(r.json.IsObject());
        CHECK(r.json["statusCode"].GetInt() == 400);
        CHECK(std::string(r.json["field"].GetString()) == std::string(bad).substr(0, std::string(bad).find('=')));
    }
    // The largest page and offset accepted are simply beyond the end.
    auto last = h.get("/cases/cases?page=2147483647&size=1000");
    CHECK(last.status == 200);
    CHECK(last.count() == 0);
    CHECK(last.json["page"].GetInt64() == 2147483647);
    auto far = h.get("/cases/cases?offset=9223372036854775807&size=1000");
    CHECK(far.status == 200);
    CHECK(far.count() == 0);
}

TEST_CASE("sort and orderBy: any case, any top-level field, id as tie-breaker") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/directory/organizations", R"({"name":"beta","rank":2})");
    h.post("/directory/organizations", R"({"name":"Alpha","rank":3})");
    h.post("/directory/organizations", R"({"name":"gamma","rank":1})");
    h.post("/directory/organizations", R"({"name":"alpha","rank":1})");
    CHECK(ids_of(h.get("/directory/organizations")) == V{"1", "2", "3", "4"});
    CHECK(ids_of(h.get("/directory/organizations?sort=DESC")) == V{"4", "3", "2", "1"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=name&sort=asc")) == V{"2", "4", "1", "3"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=name&sort=Desc")) == V{"3", "1", "4", "2"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=rank")) == V{"3", "4", "1", "2"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=rank&sort=desc")) == V{"2", "1", "4", "3"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=createdAt&sort=desc")) == V{"4", "3", "2", "1"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=createdOn")) == V{"1", "2", "3", "4"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=noSuchField")) == V{"1", "2", "3", "4"});
    CHECK(ids_of(h.get("/directory/organizations?orderBy=name&size=2&page=2")) == V{"1", "3"});
}

TEST_CASE("lead filters: title, contactId, organizationId, tags, isArchived, isConverted") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/pipeline/leads", R"({"title":"Cloud Migration Service","contactId":"1","organizationId":"10","tags":[{"id":"t1","label":"lead-tags"}]})");
    h.post("/pipeline/leads", R"({"title":"cloudy day","contactId":"2","organizationId":"20","tags":"another-tag,x"})");
    h.post("/pipeline/leads", R"({"title":"Other","contactId":"3","organizationId":"10","tags":["y"]})");
    h.patch("/pipeline/leads/3/archive");
    h.post("/pipeline/leads/2/convert", "");
    CHECK(ids_of(h.get("/pipeline/leads?title=CLOUD")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/leads?title=migration%20serv")) == V{"1"});
    CHECK(ids_of(h.get("/pipeline/leads?contactId=1,3")) == V{"1", "3"});
    CHECK(ids_of(h.get("/pipeline/leads?contactId=1&contactId=2")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/leads?organizationId=10")) == V{"1", "3"});
    CHECK(ids_of(h.get("/pipeline/leads?tags=lead-tags,another-tag")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/leads?tags=t1")) == V{"1"});  // by tag id
    CHECK(ids_of(h.get("/pipeline/leads?tags=LEAD-TAGS")) == V{"1"});
    CHECK(ids_of(h.get("/pipeline/leads?tags=lead")) == V{});  // whole tags, not substrings
    CHECK(ids_of(h.get("/pipeline/leads?isArchived=true")) == V{"3"});
    CHECK(ids_of(h.get("/pipeline/leads?isArchived=false")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/leads?isConverted=true")) == V{"2"});
    CHECK(ids_of(h.get("/pipeline/leads?isConverted=false&organizationId=10")) == V{"1", "3"});
    CHECK(ids_of(h.get("/pipeline/leads?title=nothing")) == V{});
    CHECK(h.get("/pipeline/leads?title=cloud").count() == 2);
    CHECK(h.get("/pipeline/leads?unknownFilter=1").count() == 3);  // unknown parameters are ignored
}

TEST_CASE("opportunity filters: title, contactId, organizationId, tags, ownerId") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/pipeline/opportunities", R"({"title":"Big deal","contactId":"1","organization":{"id":"7"},"owner":{"id":"u1"},"tags":"opportunity-tags"})");
    h.post("/pipeline/opportunities", R"({"title":"Small deal","contactId":"2","organizationId":"8","owner":{"id":"u2"}})");
    CHECK(ids_of(h.get("/pipeline/opportunities?title=deal")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/opportunities?page=1&size=10&sort=asc&orderBy=title&contactId=1,2")) == V{"1", "2"});
    CHECK(ids_of(h.get("/pipeline/opportunities?organizationId=7")) == V{"1"});
    CHECK(ids_of(h.get("/pipeline/opportunities?ownerId=u2")) == V{"2"});
    CHECK(ids_of(h.get("/pipeline/opportunities?tags=opportunity-tags")) == V{"1"});
}

TEST_CASE("contact filters: ids, name, email, phone, tags, organizationId, searchValue") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/directory/organizations", R"({"name":"Initech"})");
    h.post("/directory/contacts", R"({"name":"John Doe","email":[{"value":"johndoe@me.com"}],"phone":[{"value":"1234567890"}],"tags":["contact-tags"]})");
    h.post("/directory/contacts", R"({"name":"Jane Roe","email":"jane@corp.com","phone":"+44 20","organizationId":"1"})");
    h.post("/directory/contacts", R"({"name":"Bob","email":[{"value":"bob@x.com"}]})");
    CHECK(ids_of(h.get("/directory/contacts?ids=1,3")) == V{"1", "3"});
    CHECK(ids_of(h.get("/directory/contacts?page=1&size=20&sort=asc&orderBy=name&name=John")) == V{"1"});
    CHECK(ids_of(h.get("/directory/contacts?name=O")) == V{"1", "2", "3"});
    CHECK(ids_of(h.get("/directory/contacts?email=JOHNDOE@me.com")) == V{"1"});
    CHECK(ids_of(h.get("/directory/contacts?email=corp")) == V{"2"});
    CHECK(ids_of(h.get("/directory/contacts?phone=456")) == V{"1"});
    CHECK(ids_of(h.get("/directory/contacts?tags=contact-tags,another-tag")) == V{"1"});
    CHECK(ids_of(h.get("/directory/contacts?organizationId=1")) == V{"2"});
    CHECK(ids_of(h.get("/directory/contacts?searchValue=john")) == V{"1"});
    CHECK(ids_of(h.get("/directory/contacts?searchValue=bob@")) == V{"3"});
    CHECK(ids_of(h.get("/directory/contacts?searchValue=initech")) == V{"2"});  // organization name
}

TEST_CASE("organization filters: name, address, tags") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/directory/organizations", R"({"name":"Acme Corp","address":"123 Main St","tags":["org-tag"]})");
    h.post("/directory/organizations", R"({"name":"Umbrella","address":"9 Elm Road"})");
    CHECK(ids_of(h.get("/directory/organizations?name=acme")) == V{"1"});
    CHECK(ids_of(h.get("/directory/organizations?address=main st")) == V{"1"});
    CHECK(ids_of(h.get("/directory/organizations?tags=org-tag,another-tag")) == V{"1"});
    CHECK(ids_of(h.get("/directory/organizations?page=1&size=10&sort=desc&orderBy=name")) == V{"2", "1"});
}

TEST_CASE("case filters: title, status, caseType, ownerId, contactId, organizationId, tags, dates, offset") {
    SandboxProcess sb;
    Http h(sb);
    auto t2 = h.post("/cases/types/cases", R"({"label":"Bug"})").id();
    h.post("/cases/cases", R"({"title":"Case Title Example","status":"open","caseTypeId":"1","owner":{"id":"o1"},"contactId":"5","organizationId":"6","tags":["123"]})");
    h.post("/cases/cases", R"({"title":"Printer","status":"closed","caseTypeId":")" + t2 + R"(","owner":{"id":"o2"},"contactId":"7","tags":[{"id":"234","label":"billing"}]})");
    h.post("/cases/cases", R"({"title":"Another case","status":"open"})");
    CHECK(ids_of(h.get("/cases/cases?title=case")) == V{"1", "3"});
    CHECK(ids_of(h.get("/cases/cases?page=1&size=10&sort=asc&orderBy=createdOn&status=open")) == V{"1", "3"});
    CHECK(ids_of(h.get("/cases/cases?caseType=" + t2)) == V{"2"});
    CHECK(ids_of(h.get("/cases/cases?ownerId=o1")) == V{"1"});
    CHECK(ids_of(h.get("/cases/cases?contactId=5,7")) == V{"1", "2"});
    CHECK(ids_of(h.get("/cases/cases?organizationId=6")) == V{"1"});
    CHECK(ids_of(h.get("/cases/cases?tags=123,234,345")) == V{"1", "2"});
    CHECK(ids_of(h.get("/cases/cases?tags=billing")) == V{"2"});
    CHECK(ids_of(h.get("/cases/cases?createdAfterDate=2023-01-01T00:00:00Z")) == V{"1", "2", "3"});
    CHECK(ids_of(h.get("/cases/cases?createdBeforeDate=2023-12-31T23:59:59Z")) == V{});
    CHECK(ids_of(h.get("/cases/cases?createdAfterDate=2999-01-01")) == V{});
    CHECK(ids_of(h.get("/cases/cases?createdBeforeDate=2999-01-01T00:00:00%2B02:00")) == V{"1", "2", "3"});
    CHECK(h.get("/cases/cases?createdAfterDate=yesterday").status == 400);
    CHECK(ids_of(h.get("/cases/cases?offset=1&size=1")) == V{"2"});
    CHECK(ids_of(h.get("/cases/cases?offset=0")) == V{"1", "2", "3"});
    CHECK(h.get("/cases/cases?offset=-1").status == 400);
}

TEST_CASE("seeded data: realistic, across all entities, deterministic, filterable") {
    SandboxProcess a({"--seed-records", "400"});
    SandboxProcess b({"--seed-records", "400"});
    Http ha(a), hb(b);
    int64_t total = 0;
    for (std::string path : {"/pipeline/leads", "/pipeline/opportunities", "/directory/contacts",
                             "/directory/organizations", "/cases/cases"}) {
        INFO(path);
        auto ra = ha.get(path + "?size=1000");
        auto rb = hb.get(path + "?size=1000");
        REQUIRE(ra.status == 200);
        CHECK(ra.count() > 0);
        total += ra.count();
        // Same data in both (timestamps of the seed are fixed too).
        CHECK(ra.body == rb.body);
    }
    CHECK(total == 400);
    CHECK(ha.get("/pipeline/tags/leads").count() == 3);
    auto c = ha.get("/directory/contacts/1");
    CHECK(c.item()["email"][0]["value"].IsString());
    CHECK(!c.str("organizationId").empty());
    // A seeded organization is findable through its contacts' searchValue.
    auto org = ha.get("/directory/organizations/" + c.str("organizationId")).str("name");
    auto found = ha.get("/directory/contacts?size=1000&searchValue=" + org.substr(0, org.find(' ')));
    CHECK(found.count() > 0);
    CHECK(ha.get("/pipeline/leads?tags=hot").count() > 0);
    CHECK(ha.get("/cases/cases?size=1000&createdAfterDate=2024-01-01T00:00:00Z").count() ==
          ha.get("/cases/cases?size=1000").count());
}

TEST_CASE("orderBy=updatedAt: the newest change first, and pages that seek see every record once") {
    SandboxProcess sb({"--seed-records", "400"});  // 100 leads, updated in creation order
    Http h(sb);
    h.patch("/pipeline/leads/7", R"({"note":"changed"})");
    CHECK(ids_of(h.get("/pipeline/leads?orderBy=updatedAt&sort=desc&size=3")) == V{"7", "100", "99"});
    CHECK(ids_of(h.get("/pipeline/leads?orderBy=updatedAt&size=2")) == V{"1", "2"});
    // Page after page (the store seeks from the last page's end): each lead exactly once.
    std::multiset<std::string> seen;
    for (int page = 1; page <= 9; ++page) {
        for (const auto& id : ids_of(h.get("/pipeline/leads?orderBy=updatedAt&sort=desc&size=12&page=" + std::to_string(page))))
            seen.insert(id);
    }
    CHECK(seen.size() == 100);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 100);
}
