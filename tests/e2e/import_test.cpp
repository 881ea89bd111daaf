// crm ENTITY import end to end (CLI.md §11): the real crm binary against a real crm-sandbox with
// its fault switches, checked against what the sandbox then holds and what its --record log
// says reached it.
#include "e2e.h"

#include <catch2/catch.hpp>
#include <rapidjson/writer.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>

using namespace crmtest;

namespace {

// One request of the sandbox's --record log.
struct Recorded {
    std::string method, path, body;
    int status = 0;
    bool dropped = false;
};

std::vector<Recorded> recorded(const std::string& path) {
    std::vector<Recorded> requests;
    std::istringstream lines(read_file(path));
    for (std::string line; std::getline(lines, line);) {
        auto doc = parse(line);
        requests.push_back({doc["method"].GetString(), doc["path"].GetString(), doc["body"].GetString(),
                            doc["status"].GetInt(), doc.HasMember("dropped")});
    }
    return requests;
}

std::string title_of(const std::string& body) {
    auto doc = parse(body);
    return doc["title"].GetString();
}

// How many times each title was created (a POST the sandbox answered 2xx, dropped or not).
std::map<std::string, int> created_titles(const std::vector<Recorded>& requests) {
    std::map<std::string, int> titles;
    for (const auto& r : requests) {
        if (r.method == "POST" && r.path == "/pipeline/leads" && r.status / 100 == 2) ++titles[title_of(r.body)];
    }
    return titles;
}

// Sends `signal` to crm once the sandbox created `count` leads (or 20 s passed); its wait status.
int signal_once_created(pid_t pid, int signal, const std::string& record, size_t count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (created_titles(recorded(record)).size() < count && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

std::string ndjson_rows(size_t count, const std::string& prefix = "row") {
    std::string text;
    for (size_t i = 1; i <= count; ++i)
        text += "{\"title\":\"" + prefix + "-" + std::to_string(i) + "\",\"value\":{\"amount\":" + std::to_string(i) + "}}\n";
    return text;
}

// "created N, updated N, failed N, unknown N" → the four numbers.
std::vector<size_t> summary_of(const std::string& err) {
    static const std::regex line(R"(created (\d+), updated (\d+), failed (\d+), unknown (\d+))");
    std::smatch m;
    INFO(err);
    REQUIRE(std::regex_search(err, m, line));
    return {std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]), std::stoul(m[4])};
}

// The -o ndjson results: row number → {outcome, id}.
std::map<size_t, std::pair<std::string, std::string>> results_of(const std::string& out) {
    std::map<size_t, std::pair<std::string, std::string>> results;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        auto doc = parse(line);
        auto row = doc["row"].GetUint64();
        INFO("row " << row << " twice");
        REQUIRE_FALSE(results.contains(row));
        results[row] = {doc["outcome"].GetString(), doc.HasMember("id") ? doc["id"].GetString() : ""};
    }
    return results;
}

std::set<std::string> rows_with(const std::map<size_t, std::pair<std::string, std::string>>& results,
                                const std::string& outcome) {
    std::set<std::string> titles;
    for (const auto& [row, result] : results) {
        if (result.first == outcome) titles.insert("row-" + std::to_string(row));
    }
    return titles;
}

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
}

size_t count_leads(const SandboxProcess& sandbox) {
    auto r = crm(sandbox, {"leads", "list", "--all", "-o", "ids", "--retries", "10"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
}

// JSON text with every object's members sorted: equal for records that differ only in order.
std::string canonical(const rapidjson::Value& value) {
    if (value.IsObject()) {
        std::map<std::string, std::string> members;
        for (const auto& m : value.GetObject()) members[m.name.GetString()] = canonical(m.value);
        std::string text = "{";
        for (const auto& [name, member] : members) text += "\"" + name + "\":" + member + ",";
        return text + "}";
    }
    if (value.IsArray()) {
        std::string text = "[";
        for (const auto& element : value.GetArray()) text += canonical(element) + ",";
        return text + "]";
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

// The records of a list, without what the server assigns, keyed by title.
std::map<std::string, std::string> records_by_title(const SandboxProcess& sandbox) {
    auto r = crm(sandbox, {"leads", "list", "--all", "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto doc = parse(r.out);
    std::map<std::string, std::string> records;
    for (auto& record : doc.GetArray()) {
        for (const char* server : {"id", "createdAt", "createdOn", "updatedAt"}) record.RemoveMember(server);
        records[record["title"].GetString()] = canonical(record);
    }
    return records;
}

}  // namespace

TEST_CASE("import: an export with -o csv re-imports losslessly into a fresh sandbox", "[e2e][import]") {
    SandboxProcess source;
    // Titles and ids made of digits stay strings, amounts numbers, booleans booleans; commas,
    // quotes and line breaks survive the CSV; tags and custom fields are JSON.
    for (const auto& data : {
             R"({"title":"2024","value":{"amount":25000,"code":"USD"},"organizationId":"2","isArchived":true,"tags":["a","b"]})",
             R"({"title":"Acme, \"quoted\"\nsecond line","value":{"amount":1234.5,"code":"EUR"},"leadRating":"2_warm"})",
             R"({"title":"with owner","owner":{"id":"7","name":"Sarah Lee","email":"s@example.com"},"customFields":{"x":"text"}})",
             R"({"title":"007","contactId":"0042","note":"true","origin":"123"})"}) {
        auto r = crm(source, {"leads", "create", "-d", data, "-o", "json"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    TempDir dir("import-roundtrip");
    auto exported = crm(source, {"leads", "list", "--all", "-o", "csv"});
    REQUIRE(exported.exit_code == 0);
    auto file = write(dir, "leads.csv", exported.out);

    SandboxProcess fresh;
    auto r = crm(fresh, {"leads", "import", file, "-o", "ndjson"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{4, 0, 0, 0});
    auto results = results_of(r.out);
    CHECK(results.size() == 4);
    for (const auto& [row, result] : results) CHECK(result.first == "created");
    auto before = records_by_title(source);
    REQUIRE(before.size() == 4);
    CHECK(records_by_title(fresh) == before);
}

TEST_CASE("import: a bad row sends nothing and names every bad row", "[e2e][import]") {
    TempDir dir("import-bad");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record});
    SECTION("csv: a missing title, a boolean that is not one, broken JSON, a short row") {
        auto file = write(dir, "leads.csv",
                          "title,isArchived,tags,value.amount\n"
                          "good,true,\"[\"\"a\"\"]\",10\n"
                          ",false,,\n"
                          "bad boolean,maybe,,\n"
                          "bad json,false,\"[1,\",\n"
                          "bad amount,false,,ten\n"
                          "short,true\n");
        auto r = crm(sandbox, {"leads", "import", file});
        CHECK(r.exit_code == 2);
        for (const auto& row : {"row 2: title is required", "row 3: isArchived: must be true or false",
                                "row 4: tags: invalid JSON", "row 5: value.amount: must be a number", "row 6: 2 cells"})
            CHECK_THAT(r.err, Catch::Contains(row));
        CHECK_THAT(r.err, Catch::Contains("5 of 6 rows are invalid; nothing sent"));
    }
    SECTION("ndjson: a line that is not JSON, one that is not an object") {
        auto r = crm(sandbox, {"leads", "import", "-", "--format", "ndjson"},
                     {.stdin_data = "{\"title\":\"a\"}\n{\"title\":\n[1]\n"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("row 2: invalid JSON") && Catch::Contains("row 3: not a JSON object"));
    }
    SECTION("--dry-run prints each request and sends nothing") {
        auto file = write(dir, "leads.json", R"([{"title":"a"},{"title":"b","id":"5"}])");
        auto r = crm(sandbox, {"leads", "import", file, "--update-by", "id", "--dry-run"});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("/pipeline/leads' ") && Catch::Contains("--data-binary '{\"title\":\"a\"}'") &&
                              Catch::Contains("curl -X PATCH") && Catch::Contains("/pipeline/leads/5' "));
    }
    CHECK(read_file(record).empty());
}

TEST_CASE("import: 1000 rows under 20% failures and 5% drops, every row accounted for, none created twice",
          "[e2e][import]") {
    TempDir dir("import-faults");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record, "--fail-rate", "0.2", "--drop-rate", "0.05"});
    auto input = write(dir, "rows.ndjson", ndjson_rows(1000));
    auto args = std::vector<std::string>{"leads", "import", input, "--journal", dir / "journal", "--failed-out",
                                         dir / "failed", "--parallel", "8", "-o", "ndjson"};
    auto r = crm(sandbox, args);
    INFO(r.err);
    CHECK(r.exit_code == 9);  // some created, some failed: a partial failure
    auto results = results_of(r.out);
    REQUIRE(results.size() == 1000);
    CHECK(results.begin()->first == 1);
    CHECK(results.rbegin()->first == 1000);
    auto created = rows_with(results, "created"), failed = rows_with(results, "failed"), unknown = rows_with(results, "unknown");
    CHECK(created.size() + failed.size() + unknown.size() == 1000);
    CHECK(summary_of(r.err) == std::vector<size_t>{created.size(), 0, failed.size(), unknown.size()});
    CHECK_FALSE(failed.empty());
    CHECK_FALSE(unknown.empty());

    // The sandbox created each title at most once: every row reported created, and of the
    // unknown ones only those whose answer was lost.
    auto titles = created_titles(recorded(record));
    for (const auto& [title, times] : titles) {
        INFO(title);
        CHECK(times == 1);
        CHECK((created.contains(title) || unknown.contains(title)));
    }
    for (const auto& title : created) CHECK(titles.contains(title));
    CHECK(count_leads(sandbox) == titles.size());

    // --failed-out: the failed and unknown rows, as they were in the input.
    std::istringstream failed_out(read_file(dir / "failed"));
    std::set<std::string> retry;
    for (std::string line; std::getline(failed_out, line);) retry.insert(title_of(line));
    std::set<std::string> expected(failed.begin(), failed.end());
    expected.insert(unknown.begin(), unknown.end());
    CHECK(retry == expected);

    // Resumed: created rows are skipped, failed ones sent again, unknown ones held back.
    auto again = crm(sandbox, args);
    INFO(again.err);
    auto resumed = results_of(again.out);
    CHECK(resumed.size() == failed.size() + unknown.size());
    CHECK_THAT(again.err, Catch::Contains(std::to_string(unknown.size()) + " rows were sent by an earlier run without an answer"));
    for (const auto& title : unknown) CHECK(resumed[std::stoul(title.substr(4))].first == "unknown");
    for (const auto& [title, times] : created_titles(recorded(record))) {
        INFO(title);
        CHECK(times == 1);
    }
}

TEST_CASE("import: killed with SIGKILL, resumed with the journal, creates exactly the missing rows", "[e2e][import]") {
    TempDir dir("import-kill");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record, "--latency-ms", "5"});
    auto input = write(dir, "rows.ndjson", ndjson_rows(400));
    std::vector<std::string> args{"leads", "import", input, "--journal", dir / "journal", "--parallel", "4", "-o", "ndjson"};
    int status = signal_once_created(spawn_crm(sandbox, args), SIGKILL, record, 100);
    REQUIRE(WIFSIGNALED(status));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // requests in flight at the kill finish
    auto first_run = created_titles(recorded(record));
    size_t first_requests = recorded(record).size();
    REQUIRE(first_run.size() >= 100);
    REQUIRE(first_run.size() < 400);

    auto r = crm(sandbox, args);
    INFO(r.err);
    auto results = results_of(r.out);
    auto held = rows_with(results, "unknown");
    CHECK(held.size() <= 4);  // at most --parallel rows were in flight at the kill
    CHECK(rows_with(results, "failed").empty());

    // The second run created exactly the rows the first did not, apart from the held ones.
    auto all = recorded(record);
    std::vector<Recorded> second(all.begin() + static_cast<std::ptrdiff_t>(first_requests), all.end());
    auto second_run = created_titles(second);
    for (size_t i = 1; i <= 400; ++i) {
        std::string title = "row-" + std::to_string(i);
        INFO(title);
        CHECK(first_run.count(title) + second_run.count(title) + (held.contains(title) && !first_run.contains(title)) == 1);
    }
    for (const auto& [title, times] : second_run) CHECK(times == 1);
    CHECK(r.exit_code == (held.empty() ? 0 : 9));

    // --resend-unknown: the held rows, and only they, are sent again.
    size_t before = recorded(record).size();
    auto resent = crm(sandbox, {"leads", "import", input, "--journal", dir / "journal", "--resend-unknown", "-o", "ndjson"});
    INFO(resent.err);
    CHECK(resent.exit_code == 0);
    auto third = results_of(resent.out);
    CHECK(third.size() == held.size());
    for (const auto& [row, result] : third) CHECK((result.first == "created" && held.contains("row-" + std::to_string(row))));
    CHECK(recorded(record).size() - before == held.size());
}

TEST_CASE("import: 1000 rows under the vendor's quota finish with every row created once", "[e2e][import]") {
    TempDir dir("import-quota");
    auto record = dir / "record";
    // 200 a 3 s window: crm sends far faster than 67 requests a second even under ASan, so
    // every run meets 429s (400/1 met none when a sanitized crm sent about 220 a second).
    SandboxProcess sandbox({"--record", record, "--quota", "200/3"});
    auto input = write(dir, "rows.ndjson", ndjson_rows(1000));
    auto r = crm(sandbox, {"leads", "import", input, "--parallel", "8", "--retries", "10"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{1000, 0, 0, 0});
    auto requests = recorded(record);
    CHECK(std::count_if(requests.begin(), requests.end(), [](const Recorded& q) { return q.status == 429; }) > 0);
    auto titles = created_titles(requests);
    CHECK(titles.size() == 1000);
    for (const auto& [title, times] : titles) CHECK(times == 1);
}

TEST_CASE("import: --update-by id PATCHes the rows with an id and creates the others", "[e2e][import]") {
    TempDir dir("import-update");
    SandboxProcess sandbox;
    auto first = create_lead(sandbox, "first"), second = create_lead(sandbox, "second");
    auto file = write(dir, "rows.csv",
                      "id,title,value.amount\n" + first + ",first renamed,100\n" + second + ",,200\n,third,300\n");
    SECTION("off a terminal, updates need --yes") {
        auto r = crm(sandbox, {"leads", "import", file, "--update-by", "id"});
        CHECK(r.exit_code == 2);
        CHECK(records_by_title(sandbox).size() == 2);
    }
    SECTION("with --yes") {
        auto r = crm(sandbox, {"leads", "import", file, "--update-by", "id", "--yes", "-o", "json"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(summary_of(r.err) == std::vector<size_t>{1, 2, 0, 0});
        auto doc = parse(r.out);
        REQUIRE(doc.Size() == 3);
        CHECK(std::string(doc[0]["outcome"].GetString()) == "updated");
        CHECK(std::string(doc[0]["id"].GetString()) == first);
        CHECK(std::string(doc[2]["outcome"].GetString()) == "created");
        auto got = parse(crm(sandbox, {"leads", "get", second, "-o", "json"}).out);
        CHECK(std::string(got["title"].GetString()) == "second");  // an empty cell is left out
        CHECK(got["value"]["amount"].GetInt() == 200);
        got = parse(crm(sandbox, {"leads", "get", first, "-o", "json"}).out);
        CHECK(std::string(got["title"].GetString()) == "first renamed");
    }
    SECTION("without --update-by every row is created") {
        auto r = crm(sandbox, {"leads", "import", file, "--string-fields", "value.amount"});
        CHECK(r.exit_code == 2);  // row 2 has no title to create with
        CHECK_THAT(r.err, Catch::Contains("row 2: title is required"));
    }
}

TEST_CASE("import: updates by id are retried under failures (a PATCH of a row is idempotent)", "[e2e][import]") {
    TempDir dir("import-retry");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record, "--seed-records", "200", "--fail-rate", "0.3"});
    auto listed = crm(sandbox, {"leads", "list", "--all", "-o", "ids", "--retries", "20"});
    REQUIRE(listed.exit_code == 0);
    std::istringstream ids(listed.out);
    std::string rows;
    size_t count = 0;
    for (std::string id; std::getline(ids, id); ++count) rows += "{\"id\":\"" + id + "\",\"note\":\"imported\"}\n";
    REQUIRE(count >= 20);
    auto r = crm(sandbox, {"leads", "import", "-", "--format", "ndjson", "--update-by", "id", "--yes", "--retries", "20"},
                 {.stdin_data = rows});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{0, count, 0, 0});
    auto requests = recorded(record);
    CHECK(std::count_if(requests.begin(), requests.end(),
                        [](const Recorded& q) { return q.method == "PATCH" && q.status == 503; }) > 0);
}

TEST_CASE("import: rejected rows go to --failed-out as they were in the CSV, exit 9", "[e2e][import]") {
    TempDir dir("import-failed-out");
    SandboxProcess sandbox;
    std::string header = "title,stage,note";
    std::string bad = "\"rejected, for its stage\",no-such-stage,\"a \"\"quoted\"\" note\"";
    auto file = write(dir, "opps.csv", header + "\nfine,,x\n" + bad + "\nalso fine,,y\n");
    auto r = crm(sandbox, {"opportunities", "import", file, "--failed-out", dir / "failed"});
    INFO(r.err);
    CHECK(r.exit_code == 9);
    CHECK(summary_of(r.err) == std::vector<size_t>{2, 0, 1, 0});
    CHECK_THAT(r.err, Catch::Contains("row 2: HTTP 400"));
    CHECK(read_file(dir / "failed") == header + "\n" + bad + "\n");

    SECTION("every row rejected the same way: that class, exit 5") {
        auto all_bad = write(dir, "bad.csv", header + "\n" + bad + "\n" + bad + "\n");
        auto again = crm(sandbox, {"opportunities", "import", all_bad});
        CHECK(again.exit_code == 5);
    }
}

TEST_CASE("import: SIGTERM ends the run with its summary and --failed-out written, exit 143", "[e2e][import][timing]") {
    TempDir dir("import-term");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record, "--latency-ms", "5"});
    auto input = write(dir, "rows.ndjson", ndjson_rows(400));
    pid_t pid = spawn_crm(sandbox,
                          {"leads", "import", input, "--journal", dir / "journal", "--failed-out", dir / "failed", "--parallel", "2"},
                          dir / "err");
    int status = signal_once_created(pid, SIGTERM, record, 50);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 143);
    auto summary = summary_of(read_file(dir / "err"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(summary[0] + summary[2] + summary[3] == 400);
    // The sandbox had created 50 at the signal; an answer still on its way to crm counts as
    // unknown, not created.
    CHECK(summary[0] + summary[3] >= 50);
    CHECK(summary[0] < 400);
    // Every row the sandbox did not create is in --failed-out, ready for a retry; of the rows
    // there, only the unknown ones (in flight at the signal) may have been created.
    auto created = created_titles(recorded(record));
    std::istringstream failed_out(read_file(dir / "failed"));
    std::set<std::string> retry;
    for (std::string line; std::getline(failed_out, line);) retry.insert(title_of(line));
    CHECK(retry.size() == summary[2] + summary[3]);
    for (size_t i = 1; i <= 400; ++i) {
        std::string title = "row-" + std::to_string(i);
        if (!created.contains(title)) CHECK(retry.contains(title));
    }
    CHECK(std::count_if(retry.begin(), retry.end(), [&](const std::string& t) { return created.contains(t); }) <=
          static_cast<std::ptrdiff_t>(summary[3]));
}

TEST_CASE("import: a read-only key stops the run after one request, exit 3", "[e2e][import]") {
    TempDir dir("import-forbidden");
    auto record = dir / "record";
    SandboxProcess sandbox({"--record", record});
    auto input = write(dir, "rows.ndjson", ndjson_rows(50));
    RunOptions read_only;
    read_only.env["CRM_API_KEY"] = sandbox.readonly_key();
    auto r = crm(sandbox, {"leads", "import", input, "--parallel", "8"}, read_only);
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(recorded(record).size() == 1);
    CHECK(summary_of(r.err) == std::vector<size_t>{0, 0, 50, 0});
}
