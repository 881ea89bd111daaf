// Every other row of CLI.md §1: opportunities and pipelines, contacts, orgs and merges,
// cases and case types, tags, forms, and the profile's identity filling bodies.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace crmtest;

namespace {

std::string create(const SandboxProcess& sandbox, const std::string& entity, const std::string& body) {
    auto r = crm(sandbox, {entity, "create", "-d", body, "-o", "json"});
    INFO(entity << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return parse(r.out)["id"].GetString();
}

rapidjson::Document get(const SandboxProcess& sandbox, const std::string& entity, const std::string& id) {
    auto r = crm(sandbox, {entity, "get", id, "-o", "json"});
    INFO(entity << " " << id << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return parse(r.out);
}

std::string str(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : "<not a string>"; }

}  // namespace

TEST_CASE("opportunities: CRUD, status, stage by key and by label, pipelines", "[e2e][opportunities]") {
    SandboxProcess sandbox;
    std::string id = create(sandbox, "opps", R"({"title":"Big deal","value":{"amount":50000,"code":"USD"}})");
    CHECK(str(get(sandbox, "opportunities", id)["title"]) == "Big deal");

    REQUIRE(crm(sandbox, {"opps", "update", id, "-F", "value.amount=60000"}).exit_code == 0);
    CHECK(get(sandbox, "opps", id)["value"]["amount"].GetInt() == 60000);

    auto lost = crm(sandbox, {"opps", "status", id, "lost", "--reason-id", "too_expensive", "--comment", "cheaper rival"});
    INFO(lost.err);
    REQUIRE(lost.exit_code == 0);
    auto opp = get(sandbox, "opps", id);
    CHECK(str(opp["status"]) == "lost");
    CHECK(str(opp["lostReason"]["reasonId"]) == "too_expensive");
    CHECK(crm(sandbox, {"opps", "status", id, "won", "--comment", "x"}).exit_code == 2);
    REQUIRE(crm(sandbox, {"opps", "status", id, "won"}).exit_code == 0);
    CHECK(str(get(sandbox, "opps", id)["status"]) == "won");

    REQUIRE(crm(sandbox, {"opps", "stage", id, "stage-qualified"}).exit_code == 0);
    CHECK(str(get(sandbox, "opps", id)["stage"]) == "stage-qualified");
    auto by_label = crm(sandbox, {"opps", "stage", id, "proposal"});
    INFO(by_label.err);
    REQUIRE(by_label.exit_code == 0);
    CHECK(str(get(sandbox, "opps", id)["stage"]) == "stage-xyz");
    auto unknown = crm(sandbox, {"opps", "stage", id, "Nirvana"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("Negotiation") != std::string::npos);  // lists the stages

    auto pipelines = crm(sandbox, {"opps", "pipelines", "list", "-o", "json"});
    REQUIRE(pipelines.exit_code == 0);
    auto list = parse(pipelines.out);
    REQUIRE(list.Size() >= 1);
    auto one = crm(sandbox, {"opps", "pipelines", "get", str(list[0]["id"]), "-o", "json"});
    CHECK(parse(one.out)["stages"].IsArray());

    REQUIRE(crm(sandbox, {"opps", "delete", id, "--yes"}).exit_code == 0);
    CHECK(crm(sandbox, {"opps", "get", id}).exit_code == 4);
}

TEST_CASE("opportunities: filters by owner and contact", "[e2e][opportunities]") {
    SandboxProcess sandbox;
    create(sandbox, "opps", R"({"title":"A","owner":{"id":"u1","name":"Ann"},"contactId":"7"})");
    create(sandbox, "opps", R"({"title":"B","owner":{"id":"u2","name":"Bob"},"contactId":"8"})");
    CHECK(parse(crm(sandbox, {"opps", "list", "--owner-id", "u2", "-o", "json"}).out).Size() == 1);
    CHECK(parse(crm(sandbox, {"opps", "list", "--contact-id", "7", "--contact-id", "8", "-o", "json"}).out).Size() == 2);
}

TEST_CASE("contacts and orgs: CRUD, filters, merge moves references", "[e2e][directory]") {
    SandboxProcess sandbox;
    std::string org = create(sandbox, "orgs", R"({"name":"Acme Corporation","address":"123 Main Street"})");
    std::string org2 = create(sandbox, "organizations", R"({"name":"Acme Dup"})");
    std::string target = create(sandbox, "contacts",
                                R"({"name":"Jane Doe","email":[{"label":"Work","value":"jane@work.com","primary":true}]})");
    std::string source = create(sandbox, "contacts",
                                R"({"name":"J. Doe","email":[{"label":"Home","value":"jane@home.com"},{"label":"Work","value":"jane@work.com"}]})");
    std::string lead = create(sandbox, "leads", R"({"title":"Linked","contactId":")" + source + R"(","organizationId":")" + org2 + R"("})");

    CHECK(parse(crm(sandbox, {"contacts", "list", "--search", "doe", "-o", "json"}).out).Size() == 2);
    CHECK(parse(crm(sandbox, {"contacts", "list", "--email", "home.com", "-o", "json"}).out).Size() == 1);
    CHECK(parse(crm(sandbox, {"contacts", "list", "--ids", target, "-o", "json"}).out).Size() == 1);
    CHECK(parse(crm(sandbox, {"orgs", "list", "--address", "main", "-o", "json"}).out).Size() == 1);

    auto merged = crm(sandbox, {"contacts", "merge", target, "--source", source, "-o", "json", "--yes"});
    INFO(merged.err);
    REQUIRE(merged.exit_code == 0);
    auto contact = get(sandbox, "contacts", target);
    CHECK(contact["email"].Size() == 2);  // no duplicate of jane@work.com
    CHECK(crm(sandbox, {"contacts", "get", source}).exit_code == 4);
    CHECK(str(get(sandbox, "leads", lead)["contactId"]) == target);

    REQUIRE(crm(sandbox, {"orgs", "merge", org, "--source", org2, "--yes"}).exit_code == 0);
    CHECK(str(get(sandbox, "leads", lead)["organizationId"]) == org);
    CHECK(crm(sandbox, {"orgs", "merge", org, "--source", org, "--yes"}).exit_code == 2);

    REQUIRE(crm(sandbox, {"orgs", "update", org, "-f", "industry=Technology"}).exit_code == 0);
    CHECK(str(get(sandbox, "orgs", org)["industry"]) == "Technology");
    REQUIRE(crm(sandbox, {"contacts", "delete", target, "--yes"}).exit_code == 0);
    CHECK(crm(sandbox, {"contacts", "get", target}).exit_code == 4);
    REQUIRE(crm(sandbox, {"orgs", "delete", org, "--yes"}).exit_code == 0);
}

TEST_CASE("cases and case types: CRUD, filters by status and date, unknown case type rejected", "[e2e][cases]") {
    SandboxProcess sandbox;
    std::string id = create(sandbox, "cases", R"({"title":"Support Request - System Outage","status":"open","caseTypeId":"1","priority":"1_high"})");
    create(sandbox, "cases", R"({"title":"Other","status":"closed"})");
    CHECK(parse(crm(sandbox, {"cases", "list", "--status", "open", "-o", "json"}).out).Size() == 1);
    CHECK(parse(crm(sandbox, {"cases", "list", "--created-after", "2000-01-01", "-o", "json"}).out).Size() == 2);
    CHECK(parse(crm(sandbox, {"cases", "list", "--created-before", "2000-01-01T00:00:00Z", "-o", "json"}).out).Size() == 0);
    CHECK(parse(crm(sandbox, {"cases", "list", "--offset", "1", "-o", "json"}).out).Size() == 1);

    auto bad_type = crm(sandbox, {"cases", "create", "-f", "title=x", "-f", "caseTypeId=nope"});
    CHECK(bad_type.exit_code == 5);

    REQUIRE(crm(sandbox, {"cases", "update", id, "-f", "status=In Progress"}).exit_code == 0);
    CHECK(str(get(sandbox, "cases", id)["status"]) == "In Progress");
    REQUIRE(crm(sandbox, {"cases", "delete", id, "--yes"}).exit_code == 0);
    CHECK(crm(sandbox, {"cases", "get", id}).exit_code == 4);

    auto type = crm(sandbox, {"cases", "types", "create", "-f", "label=Feature Request", "-o", "json"});
    REQUIRE(type.exit_code == 0);
    std::string type_id = str(parse(type.out)["id"]);
    REQUIRE(crm(sandbox, {"cases", "types", "update", type_id, "-f", "label=Technical"}).exit_code == 0);
    CHECK(str(parse(crm(sandbox, {"cases", "types", "get", type_id, "-o", "json"}).out)["label"]) == "Technical");
    CHECK(parse(crm(sandbox, {"cases", "types", "list", "-o", "json"}).out).Size() >= 2);
    REQUIRE(crm(sandbox, {"cases", "types", "delete", type_id, "--yes"}).exit_code == 0);
    CHECK(crm(sandbox, {"cases", "types", "get", type_id}).exit_code == 4);
}

TEST_CASE("tags: list, create, update, delete for all five entities, colours validated", "[e2e][tags]") {
    SandboxProcess sandbox({"--log"});
    for (std::string entity : {"leads", "opportunities", "contacts", "orgs", "cases"}) {
        auto created = crm(sandbox, {"tags", "create", entity, "--label", "vip", "--color", "#ff0000", "-o", "json"});
        INFO(entity << ": " << created.err);
        REQUIRE(created.exit_code == 0);
        std::string id = str(parse(created.out)["id"]);
        REQUIRE(crm(sandbox, {"tags", "update", entity, id, "--color", "#00ff00"}).exit_code == 0);
        auto list = parse(crm(sandbox, {"tags", "list", entity, "-o", "json"}).out);
        bool found = false;
        for (const auto& tag : list.GetArray()) {
            if (str(tag["id"]) == id) found = str(tag["color"]) == "#00ff00" && str(tag["label"]) == "vip";
        }
        CHECK(found);
        REQUIRE(crm(sandbox, {"tags", "delete", entity, id, "--yes"}).exit_code == 0);
        auto after = parse(crm(sandbox, {"tags", "list", entity, "-o", "json"}).out);
        for (const auto& tag : after.GetArray()) CHECK(str(tag["id"]) != id);
    }
    auto log_before = sandbox.stderr_text();
    CHECK(crm(sandbox, {"tags", "create", "leads", "--label", "x", "--color", "red"}).exit_code == 2);
    CHECK(crm(sandbox, {"tags", "list", "widgets"}).exit_code == 2);
    CHECK(sandbox.stderr_text() == log_before);  // nothing sent
}

TEST_CASE("forms: get, and set that refuses a body without fields and needs --yes off a terminal", "[e2e][forms]") {
    SandboxProcess sandbox;
    auto form = crm(sandbox, {"forms", "get", "leads", "-o", "json"});
    REQUIRE(form.exit_code == 0);
    CHECK(parse(form.out)["fields"].IsArray());
    auto table = crm(sandbox, {"forms", "get", "opportunities", "-o", "table"});
    CHECK(table.out.rfind("ID ", 0) == 0);  // one row per field, not the form as one blob
    CHECK(table.out.find("\ntitle ") != std::string::npos);
    CHECK(crm(sandbox, {"forms", "get", "cases"}).exit_code == 2);

    CHECK(crm(sandbox, {"forms", "set", "contacts", "-d", R"({"tenantId":"t"})", "--yes"}).exit_code == 2);
    std::string body = R"({"fields":[{"id":"name","label":"Name","category":"default","type":"text","required":true},
      {"id":"custom_field_1","label":"New Custom Field","category":"custom","type":"text","required":false}]})";
    CHECK(crm(sandbox, {"forms", "set", "contacts", "-d", body}).exit_code == 2);
    auto set = crm(sandbox, {"forms", "set", "contacts", "-d", body, "--yes"});
    INFO(set.err);
    REQUIRE(set.exit_code == 0);
    auto after = parse(crm(sandbox, {"forms", "get", "contacts", "-o", "json"}).out);
    CHECK(after["fields"].Size() == 2);
    CHECK(str(after["fields"][1]["id"]) == "custom_field_1");
}

TEST_CASE("identity: the profile's user and tenant fill creator, lastUpdatedBy and tenantId", "[e2e][identity]") {
    SandboxProcess sandbox;
    auto dir = std::filesystem::temp_directory_path() / ("crm-e2e-id-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "crm");
    {
        std::ofstream f(dir / "crm" / "config.toml");
        f << "[profiles.default]\ntenant_id = \"tenant-9\"\n[profiles.default.user]\nid = \"u-1\"\nname = \"Ada\"\nemail = \"ada@example.com\"\n";
    }
    ::chmod((dir / "crm" / "config.toml").c_str(), 0600);
    RunOptions profile;
    profile.env["XDG_CONFIG_HOME"] = dir.string();
    auto created = crm(sandbox, {"leads", "create", "-f", "title=Mine", "-o", "json"}, profile);
    INFO(created.err);
    REQUIRE(created.exit_code == 0);
    auto lead = parse(created.out);
    CHECK(str(lead["creator"]["id"]) == "u-1");
    CHECK(str(lead["tenantId"]) == "tenant-9");
    std::string id = str(lead["id"]);
    REQUIRE(crm(sandbox, {"leads", "update", id, "-f", "note=x"}, profile).exit_code == 0);
    CHECK(str(get(sandbox, "leads", id)["lastUpdatedBy"]["email"]) == "ada@example.com");
    auto explicit_creator = crm(sandbox, {"leads", "create", "-d", R"({"title":"T","creator":{"id":"other"}})", "-o", "json"}, profile);
    CHECK(str(parse(explicit_creator.out)["creator"]["id"]) == "other");
    std::filesystem::remove_all(dir);
}

TEST_CASE("forms set and delete on a terminal: the diff, then a y/N question", "[e2e][forms][tty]") {
    if (::access("/usr/bin/script", X_OK) != 0) {
        WARN("SKIP: util-linux script is not installed");
        return;
    }
    SandboxProcess sandbox;
    auto body = std::filesystem::temp_directory_path() / ("crm-e2e-form-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream f(body);
        f << R"({"fields":[{"id":"name","label":"Full name"},{"id":"x","label":"X"}]})";
    }
    // script(1) gives crm a real terminal; its stdin feeds the answer to the prompt.
    auto in_pty = [&](const std::string& args, const std::string& answer) {
        RunOptions options = env_for(sandbox);
        options.stdin_data = answer;
        return run({"/usr/bin/script", "-qec", std::string(CRM_BIN) + " " + args, "/dev/null"}, options);
    };
    auto declined = in_pty("forms set contacts -d @" + body.string(), "n\n");
    CHECK(declined.out.find("1 field(s) added") != std::string::npos);
    CHECK(declined.out.find("[y/N]") != std::string::npos);
    CHECK(parse(crm(sandbox, {"forms", "get", "contacts", "-o", "json"}).out)["fields"].Size() > 2);  // unchanged

    auto accepted = in_pty("forms set contacts -d @" + body.string(), "y\n");
    CHECK(accepted.exit_code == 0);
    CHECK(parse(crm(sandbox, {"forms", "get", "contacts", "-o", "json"}).out)["fields"].Size() == 2);

    std::string lead = create_lead(sandbox, "Keep me");
    auto kept = in_pty("leads delete " + lead, "n\n");
    CHECK(kept.out.find("Delete lead " + lead + "? [y/N]") != std::string::npos);
    CHECK(crm(sandbox, {"leads", "get", lead}).exit_code == 0);
    in_pty("leads delete " + lead, "y\n");
    CHECK(crm(sandbox, {"leads", "get", lead}).exit_code == 4);
    std::filesystem::remove(body);
}

TEST_CASE("every entity's writes: the read-only key is refused (exit 3), invalid bodies never leave", "[e2e][errors]") {
    SandboxProcess sandbox({"--log"});
    std::string opp = create(sandbox, "opps", R"({"title":"O"})");
    std::string contact = create(sandbox, "contacts", R"({"name":"C"})");
    std::string other = create(sandbox, "contacts", R"({"name":"D"})");
    std::string org = create(sandbox, "orgs", R"({"name":"Org"})");
    std::string kase = create(sandbox, "cases", R"({"title":"K"})");

    const std::vector<std::vector<std::string>> writes = {
        {"opps", "create", "-f", "title=x"},
        {"opps", "update", opp, "-f", "title=x"},
        {"opps", "status", opp, "won"},
        {"opps", "stage", opp, "stage-xyz"},
        {"opps", "delete", opp, "--yes"},
        {"contacts", "create", "-f", "name=x"},
        {"contacts", "merge", contact, "--source", other, "--yes"},
        {"orgs", "update", org, "-f", "name=x"},
        {"cases", "update", kase, "-f", "title=x"},
        {"cases", "types", "create", "-f", "label=x"},
        {"tags", "create", "cases", "--label", "x"},
        {"forms", "set", "orgs", "-d", R"({"fields":[]})", "--yes"},
    };
    RunOptions readonly;
    readonly.env["CRM_API_KEY"] = sandbox.readonly_key();
    for (const auto& args : writes) {
        auto r = crm(sandbox, args, readonly);
        INFO(args[0] << ' ' << args[1] << ": " << r.err);
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("read-only") != std::string::npos);
    }
    // Nothing changed.
    CHECK(str(get(sandbox, "opps", opp)["title"]) == "O");
    CHECK(crm(sandbox, {"contacts", "get", other}).exit_code == 0);
    CHECK(str(get(sandbox, "orgs", org)["name"]) == "Org");
    CHECK(parse(crm(sandbox, {"cases", "types", "list", "-o", "json"}).out).Size() == 1);

    const std::string before = sandbox.stderr_text();
    for (std::string entity : {"opps", "contacts", "orgs", "cases"}) {
        auto bad = crm(sandbox, {entity, "create", "-d", "{\"name\": }"});
        INFO(entity << ": " << bad.err);
        CHECK(bad.exit_code == 2);
        CHECK(bad.err.find("line 1, column 10") != std::string::npos);
    }
    CHECK(crm(sandbox, {"cases", "types", "update", "1", "-d", "[1,"}).exit_code == 2);
    CHECK(sandbox.stderr_text() == before);  // the sandbox saw none of them
}
