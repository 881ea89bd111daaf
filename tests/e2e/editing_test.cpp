// CLI.md §12 "Editing records" against a real sandbox: crm ENTITY tag in every shape a
// record's tags may have, name-aware flags resolved by reads, dry runs that read but never
// write, and relative dates reaching the server as ISO 8601.
#include "e2e.h"

#include <catch2/catch.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <sstream>

using namespace crmtest;

namespace {

std::string str(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : "<not a string>"; }

std::string json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

std::string create(const SandboxProcess& sandbox, const std::vector<std::string>& args) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"-o", "json"});
    auto r = crm(sandbox, all);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return parse(r.out)["id"].GetString();
}

std::string tags_of(const SandboxProcess& sandbox, const std::string& entity, const std::string& id) {
    auto r = crm(sandbox, {entity, "get", id, "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto doc = parse(r.out);
    return doc.HasMember("tags") ? json_text(doc["tags"]) : "<none>";
}

std::string make_tag(const SandboxProcess& sandbox, const std::string& entity, const std::string& label) {
    return create(sandbox, {"tags", "create", entity, "--label", label});
}

// Writes of any kind in the sandbox's access log.
size_t writes(const SandboxProcess& sandbox) {
    return log_lines(sandbox, "POST ") + log_lines(sandbox, "PATCH ") + log_lines(sandbox, "PUT ") +
           log_lines(sandbox, "DELETE ");
}

}  // namespace

TEST_CASE("tag: a comma-joined string of labels stays a string (leads, orgs)", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    make_tag(sandbox, "leads", "hot");
    make_tag(sandbox, "leads", "enterprise");
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal", "-f", "tags=hot"});

    auto added = crm(sandbox, {"leads", "tag", lead, "--add", "Enterprise", "-o", "json"});
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    CHECK(str(parse(added.out)["tags"]) == "hot,enterprise");  // prints the record as written
    CHECK(tags_of(sandbox, "leads", lead) == R"("hot,enterprise")");

    REQUIRE(crm(sandbox, {"leads", "tag", lead, "--remove", "hot"}).exit_code == 0);
    CHECK(tags_of(sandbox, "leads", lead) == R"("enterprise")");

    make_tag(sandbox, "orgs", "partner");
    const std::string org = create(sandbox, {"orgs", "create", "-f", "name=Acme"});  // no tags yet
    REQUIRE(crm(sandbox, {"organizations", "tag", org, "--add", "partner"}).exit_code == 0);
    CHECK(tags_of(sandbox, "orgs", org) == R"("partner")");
}

TEST_CASE("tag: arrays stay arrays, of tag objects or of strings (opportunities, cases, contacts)", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    const std::string renewal = make_tag(sandbox, "opportunities", "renewal");
    const std::string upsell = make_tag(sandbox, "opportunities", "upsell");
    const std::string opp = create(sandbox, {"opps", "create", "-f", "title=Deal", "-F",
                                             R"(tags=[{"id":")" + renewal + R"(","label":"renewal"}])"});
    REQUIRE(crm(sandbox, {"opps", "tag", opp, "--add", "upsell", "--remove", "renewal"}).exit_code == 0);
    CHECK(tags_of(sandbox, "opps", opp) == R"([{"id":")" + upsell + R"(","label":"upsell"}])");

    make_tag(sandbox, "cases", "bug");
    make_tag(sandbox, "cases", "escalated");
    const std::string one = create(sandbox, {"cases", "create", "-f", "title=Outage", "-F", R"(tags=["bug"])"});
    const std::string two = create(sandbox, {"cases", "create", "-f", "title=Billing", "-F", "tags=[]"});
    // Two ids at once: each keeps its own shape.
    auto both = crm(sandbox, {"cases", "tag", one, two, "--add", "escalated", "-o", "json"});
    INFO(both.err);
    REQUIRE(both.exit_code == 0);
    CHECK(parse(both.out).Size() == 2);
    CHECK(tags_of(sandbox, "cases", one) == R"(["bug","escalated"])");
    CHECK(tags_of(sandbox, "cases", two).find(R"("label":"escalated")") != std::string::npos);

    make_tag(sandbox, "contacts", "vip");
    const std::string contact = create(sandbox, {"contacts", "create", "-f", "name=Jane", "-F", R"(tags=["vip"])"});
    REQUIRE(crm(sandbox, {"contacts", "tag", contact, "--remove", "VIP"}).exit_code == 0);
    CHECK(tags_of(sandbox, "contacts", contact) == "[]");
}

TEST_CASE("tag: an unknown label is exit 2 and nothing is written", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    make_tag(sandbox, "leads", "hot");
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal"});
    const size_t before = writes(sandbox);

    auto r = crm(sandbox, {"leads", "tag", lead, "--add", "hot,nope"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nope") != std::string::npos);
    CHECK(r.err.find("--create-missing") != std::string::npos);
    CHECK(crm(sandbox, {"leads", "tag", lead, "--remove", "nope"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads", "tag", lead, "--add", "hot", "--remove", "hot"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads", "tag", lead}).exit_code == 2);
    CHECK(writes(sandbox) == before);
    CHECK(tags_of(sandbox, "leads", lead) == "<none>");
}

TEST_CASE("tag: --create-missing creates the labels first", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal"});
    auto r = crm(sandbox, {"leads", "tag", lead, "--add", "brand-new", "--create-missing"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(log_lines(sandbox, "POST /pipeline/tags/leads 201") + log_lines(sandbox, "POST /pipeline/tags/leads 200") == 1);
    CHECK(tags_of(sandbox, "leads", lead) == R"("brand-new")");
    auto list = crm(sandbox, {"tags", "list", "leads", "-o", "json"});
    CHECK(list.out.find("brand-new") != std::string::npos);
}

TEST_CASE("tag: no change sends no PATCH and says so", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    make_tag(sandbox, "leads", "hot");
    make_tag(sandbox, "leads", "cold");
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal", "-f", "tags=hot"});
    const size_t before = log_lines(sandbox, "PATCH /pipeline/leads");
    auto r = crm(sandbox, {"leads", "tag", lead, "--add", "hot", "--remove", "cold", "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("nothing sent") != std::string::npos);
    CHECK(str(parse(r.out)["id"]) == lead);  // the record, as it is
    CHECK(log_lines(sandbox, "PATCH /pipeline/leads") == before);
}

TEST_CASE("tag: several ids follow the exit classes, a refused key stops every write", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    make_tag(sandbox, "leads", "hot");
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal"});

    auto mixed = crm(sandbox, {"leads", "tag", lead, "999", "--add", "hot"});
    CHECK(mixed.exit_code == 9);
    CHECK(tags_of(sandbox, "leads", lead) == R"("hot")");
    CHECK(crm(sandbox, {"leads", "tag", "998", "999", "--add", "hot"}).exit_code == 4);

    const size_t before = writes(sandbox);
    auto readonly = crm(sandbox, {"leads", "tag", lead, "--remove", "hot"}, {.env = {{"CRM_API_KEY", sandbox.readonly_key()}}});
    CHECK(readonly.exit_code == 3);
    CHECK(tags_of(sandbox, "leads", lead) == R"("hot")");
    CHECK(writes(sandbox) == before + 1);  // the one PATCH the server refused
    CHECK(crm(sandbox, {"leads", "tag", lead, "--add", "hot"}, {.env = {{"CRM_API_KEY", "wrong"}}}).exit_code == 3);
    CHECK(writes(sandbox) == before + 1);
}

TEST_CASE("tag --dry-run reads, prints the PATCH and writes nothing", "[e2e][editing][dry-run]") {
    SandboxProcess sandbox({"--log"});
    make_tag(sandbox, "leads", "hot");
    const std::string lead = create(sandbox, {"leads", "create", "-f", "title=Deal", "-f", "tags=cold"});
    const size_t before = writes(sandbox);
    auto r = crm(sandbox, {"leads", "tag", lead, "--add", "hot,new-one", "--create-missing", "--dry-run"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("curl -X PATCH") != std::string::npos);
    CHECK(r.out.find(R"({"tags":"cold,hot,new-one"})") != std::string::npos);
    CHECK(r.out.find("/pipeline/tags/leads") != std::string::npos);  // the POST of the missing tag, printed
    CHECK(writes(sandbox) == before);
    CHECK(log_lines(sandbox, "GET /pipeline/leads/" + lead) == 1);
    CHECK(tags_of(sandbox, "leads", lead) == R"("cold")");
}

TEST_CASE("opps create and update with --pipeline and --stage names", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    auto r = crm(sandbox, {"opps", "create", "-f", "title=Deal", "--pipeline", "partner pipeline", "--stage", "Evaluation",
                           "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto opp = parse(r.out);
    const std::string id = str(opp["id"]);
    CHECK(str(opp["pipelineId"]) == "727a1a94-dda3-4e68-92cb-343e3e3d4fbc");
    CHECK(str(opp["stage"]) == "partner-evaluation");

    // --stage alone: a label of the opportunity's own pipeline.
    auto moved = crm(sandbox, {"opps", "update", id, "--stage", "signed", "-o", "json"});
    INFO(moved.err);
    REQUIRE(moved.exit_code == 0);
    CHECK(str(parse(moved.out)["stage"]) == "partner-signed");

    // Back to the default pipeline by name, with a stage key.
    auto back = crm(sandbox, {"opps", "update", id, "--pipeline", "Sales Pipeline", "--stage", "stage-xyz", "-o", "json"});
    REQUIRE(back.exit_code == 0);
    CHECK(str(parse(back.out)["pipelineId"]) == "c4d5e6f7-8901-2345-6789-abcdef012345");

    // A new opportunity without --pipeline: the label is looked up in the default pipeline.
    auto plain = crm(sandbox, {"opps", "create", "-f", "title=Other", "--stage", "Closing", "-o", "json"});
    REQUIRE(plain.exit_code == 0);
    CHECK(str(parse(plain.out)["stage"]) == "stage-closing");

    const size_t before = writes(sandbox);
    auto unknown = crm(sandbox, {"opps", "create", "-f", "title=X", "--pipeline", "Nowhere"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("Partner Pipeline") != std::string::npos);  // lists what there is
    CHECK(crm(sandbox, {"opps", "create", "-f", "title=X", "--pipeline", "Partner Pipeline", "--stage", "Proposal"})
              .exit_code == 2);  // a stage of the other pipeline
    CHECK(writes(sandbox) == before);
}

TEST_CASE("cases create and list with --case-type by name, ambiguous names refused", "[e2e][editing]") {
    SandboxProcess sandbox({"--log"});
    const std::string type = create(sandbox, {"cases", "types", "create", "-f", "label=Feature Request"});
    auto r = crm(sandbox, {"cases", "create", "-f", "title=Dark mode", "--case-type", "feature request", "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string id = str(parse(r.out)["id"]);
    CHECK(str(parse(r.out)["caseTypeId"]) == type);
    create(sandbox, {"cases", "create", "-f", "title=Outage", "--case-type", "Support Request"});

    auto listed = crm(sandbox, {"cases", "list", "--case-type", "Feature Request", "-o", "ids"});
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.out == id + "\n");

    create(sandbox, {"cases", "types", "create", "-f", "label=feature request"});
    const size_t before = writes(sandbox);
    auto ambiguous = crm(sandbox, {"cases", "update", id, "--case-type", "Feature Request"});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err.find("2 case types are named") != std::string::npos);
    CHECK(ambiguous.err.find("(" + type + ")") != std::string::npos);
    CHECK(writes(sandbox) == before);
    // By id, it is not ambiguous.
    CHECK(crm(sandbox, {"cases", "update", id, "--case-type", type}).exit_code == 0);
}

TEST_CASE("opps list --pipeline and --stage filter client-side", "[e2e][editing]") {
    SandboxProcess sandbox;
    const std::string partner =
        create(sandbox, {"opps", "create", "-f", "title=P", "--pipeline", "Partner Pipeline", "--stage", "Negotiation"});
    const std::string sales = create(sandbox, {"opps", "create", "-f", "title=S", "--stage", "Negotiation"});
    create(sandbox, {"opps", "create", "-f", "title=S2", "--stage", "New"});

    auto by_pipeline = crm(sandbox, {"opps", "list", "--pipeline", "partner pipeline", "--all", "-o", "ids"});
    INFO(by_pipeline.err);
    CHECK(by_pipeline.out == partner + "\n");
    // The same label in both pipelines (one key here, but matched per pipeline).
    auto by_stage = crm(sandbox, {"opps", "list", "--stage", "negotiation", "--all", "-o", "ids"});
    CHECK((by_stage.out == partner + "\n" + sales + "\n" || by_stage.out == sales + "\n" + partner + "\n"));
    auto both = crm(sandbox, {"opps", "list", "--pipeline", "Sales Pipeline", "--stage", "Negotiation", "--limit", "5", "-o", "ids"});
    CHECK(both.out == sales + "\n");
    CHECK(crm(sandbox, {"opps", "list", "--stage", "Nirvana"}).exit_code == 2);
    CHECK(crm(sandbox, {"opps", "list", "--stage", "New", "--raw"}).exit_code == 2);

    auto help = crm(sandbox, {"opps", "list", "--help"});
    CHECK(help.out.find("client-side") != std::string::npos);
}

TEST_CASE("opps stage LABEL --dry-run prints the key and sends no PATCH", "[e2e][editing][dry-run]") {
    SandboxProcess sandbox({"--log"});
    const std::string id = create(sandbox, {"opps", "create", "-f", "title=Deal"});
    auto r = crm(sandbox, {"opps", "stage", id, "proposal", "--dry-run"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(R"({"stage":"stage-xyz"})") != std::string::npos);
    CHECK(r.out.find("proposal") == std::string::npos);
    CHECK(log_lines(sandbox, "PATCH ") == 0);
    CHECK(log_lines(sandbox, "GET /pipeline/pipelines/opportunities/") == 1);  // the read was sent

    // Create with names under --dry-run: reads, prints the POST with the ids, creates nothing.
    const size_t posts = log_lines(sandbox, "POST ");
    auto dry = crm(sandbox, {"opps", "create", "-f", "title=New", "--pipeline", "Partner Pipeline", "--stage", "Signed",
                             "--dry-run"});
    INFO(dry.err);
    REQUIRE(dry.exit_code == 0);
    CHECK(dry.out.find(R"("pipelineId":"727a1a94-dda3-4e68-92cb-343e3e3d4fbc","stage":"partner-signed")") != std::string::npos);
    CHECK(log_lines(sandbox, "POST ") == posts);
    CHECK(crm(sandbox, {"opps", "list", "--all", "-o", "ids"}).out == id + "\n");
}

namespace {

std::string utc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// The value of `param` in the last logged request line that has it, %3a decoded.
std::string logged_param(const SandboxProcess& sandbox, const std::string& param) {
    std::istringstream log(sandbox.stderr_text());
    std::string value;
    for (std::string line; std::getline(log, line);) {
        const size_t at = line.find(param + "=");
        if (at == std::string::npos) continue;
        const size_t start = at + param.size() + 1;
        value = line.substr(start, line.find_first_of("& ", start) - start);
    }
    return std::regex_replace(value, std::regex("%3[aA]"), ":");
}

}  // namespace

TEST_CASE("relative dates reach the server as ISO 8601, impossible dates are exit 2", "[e2e][editing][dates]") {
    SandboxProcess sandbox({"--log"});
    const std::string id = create(sandbox, {"cases", "create", "-f", "title=Fresh"});
    using namespace std::chrono;

    const auto before = system_clock::now();
    auto r = crm(sandbox, {"cases", "list", "--created-after", "90d", "-o", "ids"});
    const auto after = system_clock::now();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == id + "\n");  // created just now, so within the last 90 days
    const std::string sent = logged_param(sandbox, "createdAfterDate");
    CHECK(std::regex_match(sent, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(sent >= utc(before - hours{24 * 90} - seconds{1}));
    CHECK(sent <= utc(after - hours{24 * 90}));

    const auto day_before = utc(system_clock::now() - hours{24}).substr(0, 10) + "T00:00:00Z";
    auto yesterday = crm(sandbox, {"cases", "list", "--created-before", "yesterday", "-o", "ids"});
    const auto day_after = utc(system_clock::now() - hours{24}).substr(0, 10) + "T00:00:00Z";
    REQUIRE(yesterday.exit_code == 0);
    CHECK(yesterday.out.empty());
    const std::string midnight = logged_param(sandbox, "createdBeforeDate");
    CHECK((midnight == day_before || midnight == day_after));  // the start of yesterday, UTC

    const size_t lists = log_lines(sandbox, "GET /cases/cases");
    for (const char* bad : {"2024-02-31", "2023-02-29", "90x", "tomorrow"}) {
        INFO(bad);
        auto refused = crm(sandbox, {"cases", "list", "--created-after", bad});
        CHECK(refused.exit_code == 2);
        CHECK(refused.err.find("--created-after") != std::string::npos);
    }
    CHECK(crm(sandbox, {"cases", "list", "--created-after", "2024-02-29"}).exit_code == 0);  // a leap day
    CHECK(log_lines(sandbox, "GET /cases/cases") == lists + 1);
}
