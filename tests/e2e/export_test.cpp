// crm export end to end: the real crm against a seeded crm-sandbox, the database read back
// with the sqlite3 command-line shell (an independent reader), the requests counted in the
// sandbox's --record file.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>

using namespace crmtest;
namespace fs = std::filesystem;

namespace {

// Runs SQL with the sqlite3 shell; its output (one row a line, columns separated by '|').
std::string sql(const std::string& db, const std::string& query) {
    auto r = run({"/usr/bin/sqlite3", "-bail", db, query});
    INFO(query << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

long count(const std::string& db, const std::string& query) { return std::stol(sql(db, query)); }

// The tables of an export, but its own state (watermarks and run counters).
std::vector<std::string> data_tables(const std::string& db) {
    std::istringstream lines(sql(db, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'crm_export_%' "
                                     "ORDER BY name"));
    std::vector<std::string> names;
    for (std::string line; std::getline(lines, line);) names.push_back(line);
    return names;
}

// Rows of `table` in `a` that `b` lacks, as text ("" when none).
std::string rows_missing(const std::string& a, const std::string& b, const std::string& table) {
    return sql(a, "ATTACH '" + b + "' AS other; SELECT * FROM main." + table + " EXCEPT SELECT * FROM other." + table);
}

// The two exports hold the same tables with the same columns and the same rows: one line
// "table|rows only in a|rows only in b|same columns" per table, in one run of sqlite3.
void check_same_exports(const std::string& a, const std::string& b) {
    const auto tables = data_tables(a);
    REQUIRE(tables == data_tables(b));
    std::string query = "ATTACH '" + b + "' AS other;", expected;
    for (const auto& t : tables) {
        if (&t != &tables.front()) query += " UNION ALL";
        query += " SELECT '" + t + "', (SELECT count(*) FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM other." + t +
                 ")), (SELECT count(*) FROM (SELECT * FROM other." + t + " EXCEPT SELECT * FROM main." + t +
                 ")), (SELECT group_concat(name || type) FROM pragma_table_info('" + t +
                 "', 'main')) IS (SELECT group_concat(name || type) FROM pragma_table_info('" + t + "', 'other'))";
        expected += t + "|0|0|1\n";
    }
    CHECK(sql(a, query) == expected);
}

// GET requests on `path` (a list) recorded by the sandbox since line `from`.
size_t list_requests(const std::string& record_file, const std::string& path, size_t from = 0) {
    std::istringstream lines(read_file(record_file));
    size_t n = 0, at = 0;
    for (std::string line; std::getline(lines, line); ++at) {
        if (at < from) continue;
        auto doc = parse(line);
        n += std::string(doc["method"].GetString()) == "GET" && std::string(doc["path"].GetString()) == path;
    }
    return n;
}

size_t record_lines(const std::string& record_file) {
    std::string text = read_file(record_file);
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

RunResult export_to(const SandboxProcess& sandbox, std::vector<std::string> args) {
    args.insert(args.begin(), "export");
    auto r = crm(sandbox, args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r;
}

const std::vector<std::string> kEntityPaths{"/pipeline/leads", "/pipeline/opportunities", "/directory/contacts",
                                            "/directory/organizations", "/cases/cases"};

}  // namespace

TEST_CASE("export: a star schema of every record, with joins that resolve", "[e2e][export]") {
    SandboxProcess sandbox({"--seed-records", "1000"});
    TempDir dir("export-schema");
    auto r = export_to(sandbox, {"--to", dir / "crm.sqlite"});
    CHECK(r.err.find("exported 1000 records") != std::string::npos);
    const std::string db = dir / "crm.sqlite";

    // Every record of each entity, as the API lists them.
    auto listed = [&](const std::string& entity) {
        auto list = crm(sandbox, {entity, "list", "--all", "-o", "ids"});
        REQUIRE(list.exit_code == 0);
        return static_cast<long>(std::count(list.out.begin(), list.out.end(), '\n'));
    };
    CHECK(count(db, "SELECT count(*) FROM leads") == listed("leads"));
    CHECK(count(db, "SELECT count(*) FROM opportunities") == listed("opportunities"));
    CHECK(count(db, "SELECT count(*) FROM contacts") == listed("contacts"));
    CHECK(count(db, "SELECT count(*) FROM organizations") == listed("orgs"));
    CHECK(count(db, "SELECT count(*) FROM cases") == listed("cases"));

    // Flattened scalars with the reference's types, from the schema (not from the data).
    CHECK(sql(db, "SELECT group_concat(name || ':' || type, ' ') FROM pragma_table_info('leads')") ==
          "id:TEXT title:TEXT value_amount:REAL value_code:TEXT origin:TEXT lead_rating:TEXT note:TEXT "
          "organization_id:TEXT contact_id:TEXT is_archived:INTEGER is_converted:INTEGER opportunity_id:TEXT owner_id:TEXT "
          "owner_name:TEXT "
          "owner_email:TEXT creator_id:TEXT creator_name:TEXT creator_email:TEXT last_updated_by_id:TEXT "
          "last_updated_by_name:TEXT last_updated_by_email:TEXT tenant_id:TEXT created_at:TEXT updated_at:TEXT\n");
    // The first lead, field by field, as the API has it.
    auto lead = parse(crm(sandbox, {"leads", "get", "1", "-o", "json"}).out);
    CHECK(sql(db, "SELECT title, value_amount, owner_name, is_archived FROM leads WHERE id='1'") ==
          std::string(lead["title"].GetString()) + "|" + std::to_string(lead["value"]["amount"].GetInt()) + ".0|" +
              lead["owner"]["name"].GetString() + "|" + (lead["isArchived"].GetBool() ? "1" : "0") + "\n");

    // Foreign keys that join: every opportunity finds its pipeline and its stage.
    CHECK(count(db, "SELECT count(*) FROM v_opportunities WHERE pipeline_name IS NULL OR stage_label IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM opportunities o JOIN stages s ON s.pipeline_id = o.pipeline_id "
                    "AND s.key = o.stage_key") == count(db, "SELECT count(*) FROM opportunities"));
    CHECK(sql(db, "SELECT label FROM stages WHERE key='stage-xyz'") == "Proposal\n");
    CHECK(count(db, "SELECT count(*) FROM pipelines") == 2);
    CHECK(sql(db, "SELECT label FROM case_types") == "Support Request\n");
    CHECK(count(db, "SELECT count(*) FROM v_cases WHERE case_type_label IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM tags") == 15);

    // Link tables: as many rows as the records hold tags, emails, phones.
    auto contacts = crm(sandbox, {"contacts", "list", "--all", "-o", "json"});
    auto all = parse(contacts.out);
    long emails = 0, tags = 0;
    for (const auto& c : all.GetArray()) {
        emails += c["email"].Size();
        tags += c["tags"].Size();
    }
    CHECK(count(db, "SELECT count(*) FROM contact_emails") == emails);
    CHECK(count(db, "SELECT count(*) FROM contact_tags") == tags);
    CHECK(count(db, "SELECT count(*) FROM contact_tags t LEFT JOIN tags g ON g.entity='contacts' AND g.id=t.tag_id "
                    "WHERE g.id IS NULL") == 0);
    // Every entity's id is a primary key, and each link table has an index on its record's id.
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND name='lead_tags_lead_id'") == 1);
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND sql IS NOT NULL") == 15);
    CHECK(sql(db, "SELECT sql FROM sqlite_master WHERE name='organizations'").find("id TEXT PRIMARY KEY") !=
          std::string::npos);
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("export: custom fields become columns named from the form", "[e2e][export]") {
    SandboxProcess sandbox;
    auto set = crm(sandbox, {"forms", "set", "contacts", "--yes", "-d",
                             R"({"fields":[{"id":"name","label":"Name","category":"default","type":"text"},)"
                             R"({"id":"cf-1","label":"Contract Start","category":"custom","type":"text"},)"
                             R"({"id":"cf-2","label":"Seats","category":"custom","type":"number"}]})"});
    INFO(set.err);
    REQUIRE(set.exit_code == 0);
    auto made = crm(sandbox, {"contacts", "create", "-d", R"({"name":"Ada","customFields":{"cf-1":"2025-01-01","cf-2":"12"}})"});
    REQUIRE(made.exit_code == 0);
    // Cases take theirs from the case types' forms; two types may share a field.
    for (const char* label : {"Type A", "Type B"}) {
        auto type = crm(sandbox, {"cases", "types", "create", "-f", std::string("label=") + label, "-F",
                                  R"(form=[{"id":"sla","label":"SLA hours","category":"custom","type":"number"}])"});
        REQUIRE(type.exit_code == 0);
    }
    REQUIRE(crm(sandbox, {"cases", "create", "-f", "title=Slow", "-F", R"(customFields={"sla":48})"}).exit_code == 0);
    TempDir dir("export-custom");
    export_to(sandbox, {"--to", dir / "crm.sqlite"});
    CHECK(sql(dir / "crm.sqlite", "SELECT cf_contract_start, cf_seats, typeof(cf_seats) FROM contacts") ==
          "2025-01-01|12.0|real\n");
    CHECK(sql(dir / "crm.sqlite", "SELECT cf_sla_hours FROM cases") == "48.0\n");
    CHECK(sql(dir / "crm.sqlite", "SELECT entity, label, column_name FROM custom_fields ORDER BY entity, label") ==
          "cases|SLA hours|cf_sla_hours\ncontacts|Contract Start|cf_contract_start\ncontacts|Seats|cf_seats\n");
}

TEST_CASE("export --since: only what changed, a converted lead joins its opportunity, unknown fields are named",
          "[e2e][export]") {
    SandboxProcess sandbox({"--seed-records", "400"});  // created in 2024 by the seeder
    TempDir dir("export-since");
    REQUIRE(crm(sandbox, {"leads", "convert", "3"}).exit_code == 0);
    REQUIRE(crm(sandbox, {"leads", "create", "-f", "title=Odd one", "-f", "mood=happy"}).exit_code == 0);
    auto r = export_to(sandbox, {"--to", dir / "crm.sqlite", "--since", "2025-01-01", "--entities", "leads,opps"});
    CHECK(r.err.find("crm: warning: leads: fields with no column in the export, left out: mood") != std::string::npos);
    CHECK(r.err.find("opportunities: fields with no column") == std::string::npos);
    const std::string db = dir / "crm.sqlite";
    CHECK(sql(db, "SELECT id FROM leads ORDER BY title") == "3\n101\n");
    CHECK(sql(db, "SELECT o.lead_id FROM leads l JOIN opportunities o ON o.id = l.opportunity_id") == "3\n");
    CHECK(count(db, "SELECT count(*) FROM contacts") == 0);
}

TEST_CASE("export: CSV files, one per table, with a BOM for Excel", "[e2e][export]") {
    SandboxProcess sandbox({"--seed-records", "200"});
    TempDir dir("export-csv");
    export_to(sandbox, {"--to", dir / "out/", "--excel", "--entities", "leads,orgs"});  // a new directory: csv
    std::string leads = read_file(dir / "out/leads.csv");
    CHECK(leads.rfind("\xEF\xBB\xBFid,title,value_amount,", 0) == 0);
    CHECK(std::count(leads.begin(), leads.end(), '\n') == 51);  // 50 leads and the header
    CHECK(leads.find("\r\n") != std::string::npos);
    CHECK(fs::exists(dir / "out/v_opportunities.csv"));
    CHECK(read_file(dir / "out/opportunities.csv").find("\r\n") == read_file(dir / "out/opportunities.csv").size() - 2);
    // A directory with other files in it is not replaced.
    fs::create_directories(dir / "mine");
    std::ofstream(dir / "mine/notes.txt") << "keep";
    auto r = crm(sandbox, {"export", "--to", dir / "mine", "--format", "csv"});
    CHECK(r.exit_code == 2);
    CHECK(read_file(dir / "mine/notes.txt") == "keep");
}

TEST_CASE("export --incremental: a handful of pages, then a sweep, equal to a fresh full export", "[e2e][export]") {
    TempDir dir("export-incremental");
    SandboxProcess sandbox({"--seed-records", "20000", "--record", dir / "record"});
    export_to(sandbox, {"--to", dir / "crm.sqlite", "--incremental"});

    // 30 changes across three entities (a new tag on 10 records of each), 5 deletions across three.
    std::vector<std::string> tag{"tag"};
    for (int i = 1; i <= 10; ++i) tag.push_back(std::to_string(i * 37));
    tag.insert(tag.end(), {"--add", "export-test", "--create-missing", "-o", "ids"});
    for (const auto& entity : {"leads", "contacts", "cases"}) {
        tag.insert(tag.begin(), entity);
        auto r = crm(sandbox, tag);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        tag.erase(tag.begin());
    }
    REQUIRE(crm(sandbox, {"leads", "delete", "5", "6", "--yes"}).exit_code == 0);
    REQUIRE(crm(sandbox, {"orgs", "delete", "7", "8", "--yes"}).exit_code == 0);
    REQUIRE(crm(sandbox, {"cases", "delete", "9", "--yes"}).exit_code == 0);

    // The refresh: one page per entity, newest first, not the 20+ pages of a full walk.
    const size_t before = record_lines(dir / "record");
    auto r = export_to(sandbox, {"--to", dir / "crm.sqlite", "--incremental"});
    CHECK(r.err.find("updated 30 records") != std::string::npos);
    for (const auto& path : kEntityPaths) {
        INFO(path);
        CHECK(list_requests(dir / "record", path, before) == 1);
    }
    CHECK(sql(dir / "crm.sqlite", "SELECT label FROM contact_tags WHERE contact_id='37' ORDER BY position DESC LIMIT 1") ==
          "export-test\n");

    // Without a sweep the deleted records are still there, and nothing else differs.
    export_to(sandbox, {"--to", dir / "fresh.sqlite"});
    CHECK(rows_missing(dir / "fresh.sqlite", dir / "crm.sqlite", "leads").empty());
    CHECK(sql(dir / "crm.sqlite", "ATTACH '" + dir / "fresh.sqlite" + "' AS f; SELECT id FROM leads WHERE id NOT IN "
                                  "(SELECT id FROM f.leads) ORDER BY id") == "5\n6\n");

    // The sweep (every run with --full-every 1) removes them: the same database as a fresh export.
    r = export_to(sandbox, {"--to", dir / "crm.sqlite", "--incremental", "--full-every", "1"});
    CHECK(r.err.find("removed 5 deleted ones") != std::string::npos);
    check_same_exports(dir / "crm.sqlite", dir / "fresh.sqlite");
}

TEST_CASE("export: a throttled, flaky server with short pages gives the database a friendly one gives",
          "[e2e][export]") {
    // The same seeded records behind both (the seeder is deterministic). The second serves 70
    // records a page whatever is asked, sends no total, answers 503 to some requests, drops
    // the connection after others, and takes 20 requests a second from a key.
    TempDir dir("export-realism");
    SandboxProcess friendly({"--seed-records", "1500"});
    SandboxProcess hostile({"--seed-records", "1500", "--max-page-size", "70", "--fail-rate", "0.2", "--drop-rate",
                            "0.05", "--quota", "20/1", "--record", dir / "record"});
    export_to(friendly, {"--to", dir / "friendly.sqlite"});
    // Enough retries that no request fails on every try (0.2^9); fewer are tested elsewhere.
    export_to(hostile, {"--to", dir / "hostile.sqlite", "--retries", "8"});
    // The default pipelines and case type are made when a sandbox starts, not by the seeder:
    // their times differ.
    for (const auto& db : {dir / "friendly.sqlite", dir / "hostile.sqlite"})
        sql(db, "UPDATE case_types SET created_at=NULL, updated_at=NULL; UPDATE pipelines SET created_at=NULL, "
                "updated_at=NULL");
    check_same_exports(dir / "friendly.sqlite", dir / "hostile.sqlite");
    const long leads = count(dir / "hostile.sqlite", "SELECT count(*) FROM leads");
    CHECK(leads > 70);
    // Every lead came through 70-record pages: the walk went on past the short first page.
    CHECK(list_requests(dir / "record", "/pipeline/leads") >= static_cast<size_t>(leads / 70 + 1));
    // And the server did refuse: some 503s (about 1 in 5 of 60-odd requests) and 429s.
    const std::string record = read_file(dir / "record");
    CHECK(record.find("\"status\":503") != std::string::npos);
    CHECK(record.find("\"status\":429") != std::string::npos);
}

TEST_CASE("export --incremental to CSV keeps its state beside the files", "[e2e][export]") {
    SandboxProcess sandbox({"--seed-records", "400"});
    TempDir dir("export-csv-incremental");
    export_to(sandbox, {"--to", dir / "out", "--format", "csv", "--incremental"});
    CHECK(fs::exists(dir / "out/.crm-export.sqlite"));
    REQUIRE(crm(sandbox, {"leads", "update", "3", "-f", "title=Renamed lead"}).exit_code == 0);
    export_to(sandbox, {"--to", dir / "out", "--incremental"});  // an existing export directory: csv
    CHECK(read_file(dir / "out/leads.csv").find("3,Renamed lead,") != std::string::npos);
}

namespace {

// An export interrupted half-way by `signal` leaves the previous one as it was, and readable.
void interrupt_export(int signal) {
    // 20-record pages at 40 ms each: an export takes a second, time enough to stop one half-way.
    TempDir dir("export-kill-" + std::to_string(signal));
    SandboxProcess sandbox(
        {"--seed-records", "1000", "--max-page-size", "20", "--latency-ms", "40", "--record", dir / "record"});
    export_to(sandbox, {"--to", dir / "crm.sqlite"});
    const std::string before = read_file(dir / "crm.sqlite");
    REQUIRE(crm(sandbox, {"leads", "update", "1", "-f", "title=After the first export"}).exit_code == 0);

    const size_t lines = record_lines(dir / "record");
    pid_t pid = spawn_crm(sandbox, {"export", "--to", dir / "crm.sqlite"}, dir / "err");
    for (int i = 0; i < 400 && record_lines(dir / "record") < lines + 30; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    INFO(read_file(dir / "err"));
    if (signal == SIGKILL) {
        CHECK(WIFSIGNALED(status));
    } else {
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 128 + signal);
    }
    CHECK(read_file(dir / "crm.sqlite") == before);
    CHECK(sql(dir / "crm.sqlite", "SELECT title FROM leads WHERE id='1'").find("After the first export") == std::string::npos);
    CHECK(count(dir / "crm.sqlite", "SELECT count(*) FROM leads") == 250);
    const size_t left = static_cast<size_t>(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()));
    CHECK(left == (signal == SIGKILL ? 4u : 3u));  // crm.sqlite, record, err (and a killed run's temporary)

    // The next run finishes, and clears what a killed run left.
    export_to(sandbox, {"--to", dir / "crm.sqlite"});
    CHECK(sql(dir / "crm.sqlite", "SELECT title FROM leads WHERE id='1'") == "After the first export\n");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 3);
}

}  // namespace

TEST_CASE("export: SIGINT half-way leaves the previous export intact, exit 130", "[e2e][export][timing]") {
    interrupt_export(SIGINT);
}

TEST_CASE("export: SIGKILL half-way leaves the previous export intact", "[e2e][export][timing]") {
    interrupt_export(SIGKILL);
}

TEST_CASE("export: a write that fails half-way is exit 1 naming the target, the previous export kept",
          "[e2e][export]") {
    SandboxProcess sandbox({"--seed-records", "20000"});
    TempDir dir("export-full-disk");
    export_to(sandbox, {"--to", dir / "crm.sqlite", "--entities", "orgs"});
    const std::string before = read_file(dir / "crm.sqlite");
    // A file size limit stands in for a full disk: writes past 2 MB fail with EFBIG (SIGXFSZ,
    // ignored, stays ignored across exec). The failure happens on the export's write thread.
    RunOptions options = env_for(sandbox);
    auto r = run({"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 2048; exec \"$0\" \"$@\"", CRM_BIN, "export", "--to",
                  dir / "crm.sqlite"},
                 options);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.starts_with("crm: " + (dir / "crm.sqlite") + ": "));
    CHECK(r.err.find("disk I/O error") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(read_file(dir / "crm.sqlite") == before);
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("export: usage errors send nothing", "[e2e][export]") {
    SandboxProcess sandbox({"--log"});
    TempDir dir("export-usage");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"export", "--to", dir / "a.sqlite", "--entities", "widgets"},
             {"export", "--to", dir / "a.sqlite", "--excel"},
             {"export", "--to", dir / "a.sqlite", "--since", "2024-02-31"},
             {"export", "--to", dir / "a.sqlite", "--since", "90d", "--incremental"},
             {"export", "--to", dir / "a.sqlite", "--full-every", "0"},
             {"export", "--to", dir.path.string(), "--format", "sqlite"},
             {"export", "--to", dir / "no/such/dir/a.sqlite"}}) {
        auto r = crm(sandbox, args);
        INFO(args.back() << ": " << r.err);
        CHECK(r.exit_code == 2);
    }
    CHECK(log_lines(sandbox, "GET ") == 0);

    // A refused key: exit 3 naming what failed, the key nowhere, nothing written.
    RunOptions wrong;
    wrong.env["CRM_API_KEY"] = "wrong-key-0123456789abcdef";
    auto refused = crm(sandbox, {"export", "--to", dir / "a.sqlite", "-v"}, wrong);
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("cannot export") != std::string::npos);
    CHECK(refused.err.find("0123456789ab") == std::string::npos);
    CHECK(dir.names().empty());

    // A database crm did not write is not refreshed.
    sql(dir / "theirs.sqlite", "CREATE TABLE t(x); INSERT INTO t VALUES (1)");
    const std::string before = read_file(dir / "theirs.sqlite");
    auto r = crm(sandbox, {"export", "--to", dir / "theirs.sqlite", "--incremental"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is not an export of crm") != std::string::npos);
    CHECK(read_file(dir / "theirs.sqlite") == before);
    CHECK(dir.names() == std::vector<std::string>{"theirs.sqlite"});
}
