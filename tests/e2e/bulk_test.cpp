// crm bulk delete end to end: the real crm binary against a real crm-sandbox with its fault
// flags, checked against what the sandbox then holds and what its access log (--log) shows.
#include "e2e.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <spawn.h>
#include <sstream>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace crmtest;
namespace fs = std::filesystem;

namespace {

size_t count_lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }


// Bulk requests the sandbox answered with `status` ("" = any).
size_t bulk_requests(const SandboxProcess& sandbox, const std::string& status = "") {
    return log_lines(sandbox, "POST /pipeline/bulk-actions " + status);
}

std::string lead_ids(const SandboxProcess& sandbox, const std::vector<std::string>& filter = {}) {
    std::vector<std::string> args{"leads", "list", "--all", "-o", "ids"};
    args.insert(args.end(), filter.begin(), filter.end());
    auto r = crm(sandbox, args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

// "deleted N, not found N, failed N, unknown N, skipped N (journal)" → the five numbers.
std::vector<size_t> summary_of(const std::string& err) {
    static const std::regex line(R"(deleted (\d+), not found (\d+), failed (\d+), unknown (\d+), skipped (\d+) \(journal\))");
    std::smatch m;
    INFO(err);
    REQUIRE(std::regex_search(err, m, line));
    return {std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]), std::stoul(m[4]), std::stoul(m[5])};
}

// Waits until the sandbox has answered `n` bulk requests with 200 (or 20 s passed).
void wait_for_bulk_answers(const SandboxProcess& sandbox, size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (bulk_requests(sandbox, "200") < n && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace

TEST_CASE("bulk delete: thousands of ids under a rate limit and 20% failures, each deleted once", "[e2e][bulk]") {
    // 10000 seeded records → 2500 leads.
    SandboxProcess sandbox({"--seed-records", "10000", "--rate-limit", "50", "--fail-rate", "0.2", "--log"});
    TempDir dir("thousands");
    std::string ids = lead_ids(sandbox);
    REQUIRE(count_lines(ids) == 2500);
    std::ofstream(dir / "ids") << ids;

    // With 3 retries a batch fails for good when 4 tries in a row draw the 20% (0.2^4: a few
    // percent of runs over 25 batches); 10 retries make that 0.2^11 per batch.
    auto started = std::chrono::steady_clock::now();
    auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--journal", dir / "journal",
                           "--failed-out", dir / "failed", "--retries", "10"});
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{2500, 0, 0, 0, 0});
    CHECK(r.err.find("read 2500 ids: 0 blank, 0 duplicates, 2500 to delete") != std::string::npos);
    CHECK(read_file(dir / "failed").empty());
    // 25 batches of 100 accepted exactly once; the 503s and 429s were not carried out.
    CHECK(bulk_requests(sandbox, "200") == 25);
    WARN("2500 leads deleted in " << seconds << " s; bulk requests incl. 429/503: " << bulk_requests(sandbox));
    CHECK(lead_ids(sandbox).empty());
}

TEST_CASE("bulk delete: killed with SIGKILL half-way, resumed from the journal, nothing accepted is resent",
          "[e2e][bulk][timing]") {
    // 4000 records → 1000 leads; 50 batches of 20, 2 at a time, 60 ms each: about 1.5 s.
    SandboxProcess sandbox({"--seed-records", "4000", "--latency-ms", "60", "--log"});
    TempDir dir("kill");
    std::ofstream(dir / "ids") << lead_ids(sandbox);
    std::vector<std::string> args{"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--batch-size", "20",
                                  "--parallel", "2", "--journal", dir / "journal"};

    pid_t pid = spawn_crm(sandbox, args);
    wait_for_bulk_answers(sandbox, 20);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // requests in flight reach the log
    size_t carried_out = bulk_requests(sandbox, "200");
    std::string journal = read_file(dir / "journal");
    size_t accepted = 0;
    for (size_t at = journal.find("\naccepted batch "); at != std::string::npos; at = journal.find("\naccepted batch ", at + 1))
        ++accepted;
    INFO(journal);
    REQUIRE(accepted >= 15);  // the log line comes just before crm has the answer
    REQUIRE(accepted < 50);
    CHECK(carried_out >= accepted);
    CHECK(carried_out <= accepted + 2);  // at most --parallel batches were answered after the kill

    auto r = crm(sandbox, args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto s = summary_of(r.err);
    // The accepted batches were skipped: no accepted batch was sent again. The batches in flight
    // at the kill come back not found and count as deleted: the killed run deleted them.
    CHECK(s[4] == accepted * 20);
    CHECK(s[1] == 0);
    CHECK(s[0] + s[4] == 1000);
    CHECK(bulk_requests(sandbox, "200") == carried_out + (50 - accepted));
    CHECK(lead_ids(sandbox).empty());
}

TEST_CASE("bulk delete: the pipe from leads list deletes everything", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--log"});  // 1000 leads
    auto options = env_for(sandbox);
    options.env["CRM"] = CRM_BIN;
    auto r = run({"/bin/sh", "-c", "\"$CRM\" leads list --all -o ids | \"$CRM\" bulk delete leads --ids-from - --yes"},
                 options);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{1000, 0, 0, 0, 0});
    CHECK(bulk_requests(sandbox, "200") == 10);
    CHECK(lead_ids(sandbox).empty());
}

TEST_CASE("bulk delete: crm's default json output and ndjson piped in", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "400", "--log"});  // 100 leads
    auto options = env_for(sandbox);
    options.env["CRM"] = CRM_BIN;
    // One page (10 records) as a JSON array: ten ids, not one id made of the whole array.
    auto json = run({"/bin/sh", "-c", "\"$CRM\" leads list | \"$CRM\" bulk delete leads --ids-from - --yes"}, options);
    INFO(json.err);
    CHECK(json.exit_code == 0);
    CHECK(summary_of(json.err) == std::vector<size_t>{10, 0, 0, 0, 0});
    CHECK(count_lines(lead_ids(sandbox)) == 90);

    auto ndjson = run({"/bin/sh", "-c", "\"$CRM\" leads list --all -o ndjson | \"$CRM\" bulk delete leads --ids-from - --yes"},
                      options);
    INFO(ndjson.err);
    CHECK(ndjson.exit_code == 0);
    CHECK(summary_of(ndjson.err) == std::vector<size_t>{90, 0, 0, 0, 0});
    CHECK(lead_ids(sandbox).empty());
}

TEST_CASE("bulk delete: the guards send nothing", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "400", "--log"});  // 100 leads
    TempDir dir("guards");
    std::string ids = lead_ids(sandbox);
    REQUIRE(count_lines(ids) == 100);
    std::ofstream(dir / "ids") << ids;

    SECTION("not on a terminal and no --yes: exit 2") {
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--yes") != std::string::npos);
    }
    SECTION("--max-delete below the selection: exit 2") {
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--max-delete", "99"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("more than --max-delete 99") != std::string::npos);
    }
    SECTION("--dry-run: the count, the first ids and the requests, sent nowhere") {
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--batch-size", "10", "--dry-run"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("would delete 100 leads: ") == 0);
        CHECK(r.out.find("/pipeline/bulk-actions") != std::string::npos);
        CHECK(r.out.find("... and 7 more batches") != std::string::npos);
    }
    SECTION("no source of ids at all: exit 2") {
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--yes"});
        CHECK(r.exit_code == 2);
    }
    SECTION("two sources: exit 2") {
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids", "1", "--archived", "true", "--yes"});
        CHECK(r.exit_code == 2);
    }
    SECTION("a journal in use by another run: exit 2") {
        int fd = ::open((dir / "journal").c_str(), O_RDWR | O_CREAT, 0600);
        REQUIRE(::flock(fd, LOCK_EX) == 0);
        auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--journal", dir / "journal"});
        ::close(fd);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("in use by another crm bulk run") != std::string::npos);
    }
    SECTION("--failed-out naming the journal, by any path to it: exit 2, the journal untouched") {
        std::ofstream(dir / "journal") << "";
        fs::create_symlink(dir / "journal", dir / "link");
        fs::create_hard_link(dir / "journal", dir / "hard");
        for (const auto& failed_out : {dir / "journal", (dir.path / "." / "journal").string(), dir / "link", dir / "hard"}) {
            auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--journal",
                                   dir / "journal", "--failed-out", failed_out});
            INFO(failed_out << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find("is the journal") != std::string::npos);
        }
        CHECK(read_file(dir / "journal").empty());
    }
    SECTION("numeric flags out of range: exit 2 naming the range") {
        const std::vector<std::pair<std::string, std::string>> bad{
            {"--batch-size", "0"}, {"--batch-size", "1001"}, {"--batch-size", "ten"}, {"--parallel", "0"},
            {"--parallel", "17"},  {"--max-delete", "-1"},   {"--max-delete", "5x"}};
        for (const auto& [flag, value] : bad) {
            auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", flag, value});
            INFO(flag << " " << value << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find("crm: " + flag + " must be an integer from ") == 0);
            CHECK(r.err.find("got '" + value + "'") != std::string::npos);
        }
    }
    SECTION("input that is not ids (a CSV export, a NUL byte): exit 2 naming the line") {
        std::ofstream(dir / "csv") << "id,title\n1,a\n";
        auto csv = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "csv", "--yes"});
        CHECK(csv.exit_code == 2);
        CHECK(csv.err.find("line 1") != std::string::npos);
        std::ofstream(dir / "nul") << std::string("1\n2\0\n", 5);
        auto nul = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "nul", "--yes"});
        CHECK(nul.exit_code == 2);
        CHECK(nul.err.find("line 2") != std::string::npos);
    }
    CHECK(bulk_requests(sandbox) == 0);
    CHECK(count_lines(lead_ids(sandbox)) == 100);
}

TEST_CASE("bulk delete by filter: an empty value, an unknown key, no --max-delete off a terminal send nothing",
          "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "400", "--log"});  // 100 leads, a few archived
    const std::vector<std::vector<std::string>> refused{
        {"--tags", ""},                                       // an unset variable
        {"--filter", "isArchvied=true", "--max-delete", "none"},  // a typo the server would ignore
        {"--filter", "title=", "--max-delete", "none"},
        {"--archived", "true"},                               // a cron job must say how much
    };
    for (const auto& filter : refused) {
        std::vector<std::string> args{"bulk", "delete", "leads", "--yes"};
        args.insert(args.end(), filter.begin(), filter.end());
        auto r = crm(sandbox, args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("nothing sent") != std::string::npos);
    }
    auto typo = crm(sandbox, {"bulk", "delete", "leads", "--filter", "isArchvied=true", "--max-delete", "none", "--yes"});
    CHECK(typo.err.find("--allow-unknown-filter") != std::string::npos);
    auto no_max = crm(sandbox, {"bulk", "delete", "leads", "--archived", "true", "--yes"});
    CHECK(no_max.err.find("--max-delete N") != std::string::npos);
    CHECK(log_lines(sandbox, "GET /pipeline/leads") == 0);

    // --max-delete 0: a cron job that means "delete nothing" is refused when anything matches.
    auto zero = crm(sandbox, {"bulk", "delete", "leads", "--archived", "true", "--max-delete", "0", "--yes"});
    INFO(zero.err);
    CHECK(zero.exit_code == 2);
    CHECK(zero.err.find("more than --max-delete 0") != std::string::npos);
    CHECK(bulk_requests(sandbox) == 0);
    CHECK(count_lines(lead_ids(sandbox)) == 100);
}

TEST_CASE("bulk delete by filter deletes only the matching records", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--log"});  // 1000 leads, about 5% archived
    size_t archived = count_lines(lead_ids(sandbox, {"--archived", "true"}));
    size_t active = count_lines(lead_ids(sandbox, {"--archived", "false"}));
    REQUIRE(archived > 0);
    // A dry run lists (it needs the count) but deletes nothing.
    auto dry = crm(sandbox, {"bulk", "delete", "leads", "--archived", "true", "--dry-run"});
    INFO(dry.err);
    CHECK(dry.exit_code == 0);
    CHECK(dry.out.find("would delete " + std::to_string(archived) + " leads: ") == 0);
    CHECK(bulk_requests(sandbox) == 0);

    auto r = crm(sandbox, {"bulk", "delete", "leads", "--archived", "true", "--max-delete", "500", "--yes"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{archived, 0, 0, 0, 0});
    CHECK(lead_ids(sandbox, {"--archived", "true"}).empty());
    CHECK(count_lines(lead_ids(sandbox, {"--archived", "false"})) == active);
}

namespace {

// The ids of the journal's accepted batches.
std::set<std::string> accepted_ids(const std::string& journal) {
    static const std::regex sent(R"(^sent batch (\d+):(.*)$)"), accepted(R"(^accepted batch (\d+):)");
    std::map<std::string, std::string> batches;
    std::set<std::string> ids;
    std::istringstream lines(journal);
    std::string line;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_search(line, m, sent)) batches[m[1]] = m[2];
        if (std::regex_search(line, m, accepted)) {
            std::istringstream words(batches[m[1]]);
            for (std::string id; words >> id;) ids.insert(id);
        }
    }
    return ids;
}

std::set<std::string> lines_of(const std::string& text) {
    std::set<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.insert(line);
    return lines;
}

// A signal half-way: the journal flushed, the summary printed, --failed-out holding exactly the
// ids not accepted, exit 128 + signal; a re-run finishes the job.
void interrupt_and_resume(int signal) {
    SandboxProcess sandbox({"--seed-records", "4000", "--latency-ms", "60", "--log"});  // 1000 leads
    TempDir dir("signal-" + std::to_string(signal));
    std::string all = lead_ids(sandbox);
    std::ofstream(dir / "ids") << all;
    std::vector<std::string> args{"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--batch-size", "20",
                                  "--parallel", "2", "--journal", dir / "journal", "--failed-out", dir / "failed"};
    pid_t pid = spawn_crm(sandbox, args, dir / "err");
    wait_for_bulk_answers(sandbox, 10);
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::string err = read_file(dir / "err");
    INFO(err);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + signal);
    auto s = summary_of(err);
    CHECK(s[0] + s[1] + s[2] + s[3] == 1000);
    CHECK(s[2] + s[3] > 0);
    // --failed-out: the failed, unknown and unsent ids, and nothing the server accepted.
    auto failed = lines_of(read_file(dir / "failed"));
    auto accepted = accepted_ids(read_file(dir / "journal"));
    CHECK(failed.size() == s[2] + s[3]);
    CHECK(accepted.size() == s[0]);
    std::set<std::string> both = failed;
    both.insert(accepted.begin(), accepted.end());
    CHECK(both == lines_of(all));

    auto r = crm(sandbox, args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto resumed = summary_of(r.err);
    CHECK(resumed[4] == s[0] + s[1]);  // what the interrupted run had accepted is skipped
    CHECK(lead_ids(sandbox).empty());
}

}  // namespace

TEST_CASE("bulk delete: SIGINT flushes the journal, prints the summary and exits 130", "[e2e][bulk][timing]") {
    interrupt_and_resume(SIGINT);
}

TEST_CASE("bulk delete: SIGTERM is handled like SIGINT and exits 143", "[e2e][bulk][timing]") { interrupt_and_resume(SIGTERM); }

TEST_CASE("bulk delete: a journal resumes the same set of ids, not the same input", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--latency-ms", "60", "--log"});  // 1000 leads
    TempDir dir("resume-set");
    std::ofstream(dir / "ids") << lead_ids(sandbox);
    pid_t pid = spawn_crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--batch-size", "20",
                                    "--parallel", "2", "--journal", dir / "journal"});
    wait_for_bulk_answers(sandbox, 10);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // requests in flight reach the log

    // The documented pipe lists only what is left: a subset of the job, so it resumes.
    auto options = env_for(sandbox);
    options.env["CRM"] = CRM_BIN;
    options.env["J"] = dir / "journal";
    const std::string pipe =
        "\"$CRM\" leads list --all -o ids | \"$CRM\" bulk delete leads --ids-from - --journal \"$J\" --yes --batch-size 20";
    auto r = run({"/bin/sh", "-c", pipe}, options);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(lead_ids(sandbox).empty());

    // A record that is not part of the job: another job, refused before anything is sent.
    create_lead(sandbox, "new since");
    size_t before = bulk_requests(sandbox);
    auto other = run({"/bin/sh", "-c", pipe}, options);
    INFO(other.err);
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("belongs to another job") != std::string::npos);
    CHECK(bulk_requests(sandbox) == before);
}

TEST_CASE("bulk delete: a 403 stops the run after one request, exit 3, every stderr line JSON with -o json",
          "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--log"});  // 1000 leads
    TempDir dir("forbidden");
    std::ofstream(dir / "ids") << lead_ids(sandbox);
    RunOptions read_only;
    read_only.env["CRM_API_KEY"] = sandbox.readonly_key();
    auto r = crm(sandbox, {"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--batch-size", "10", "-o", "json"},
                 read_only);
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(bulk_requests(sandbox) == 1);
    std::istringstream lines(r.err);
    size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
        INFO(line);
        CHECK(parse(line).IsObject());
    }
    CHECK(n >= 3);  // the selection, the failure, the summary, the exit line
    CHECK(count_lines(lead_ids(sandbox)) == 1000);
}

TEST_CASE("bulk delete: all not found is exit 4, --ignore-not-found makes it done", "[e2e][bulk]") {
    SandboxProcess sandbox({"--log"});
    auto missing = crm(sandbox, {"bulk", "delete", "leads", "--ids", "nope-1,nope-2", "--yes"});
    INFO(missing.err);
    CHECK(missing.exit_code == 4);
    CHECK(summary_of(missing.err) == std::vector<size_t>{0, 2, 0, 0, 0});
    auto ignored = crm(sandbox, {"bulk", "delete", "leads", "--ids", "nope-1,nope-2", "--yes", "--ignore-not-found"});
    INFO(ignored.err);
    CHECK(ignored.exit_code == 0);
}

TEST_CASE("bulk delete: a full disk under the journal stops the run with a summary", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--log"});  // 1000 leads
    TempDir dir("full-disk");
    std::string ids = lead_ids(sandbox);
    std::ofstream(dir / "ids") << ids;
    // RLIMIT_FSIZE (SIGXFSZ ignored: writes past it fail with EFBIG) leaves room for the header,
    // the job's ids and a few batches of 20 — not the 50 the job needs.
    auto options = env_for(sandbox);
    options.env["CRM"] = CRM_BIN;
    options.env["BLOCKS"] = std::to_string(ids.size() / 1024 + 3);
    auto r = run({"/bin/bash", "-c",
                  "trap '' XFSZ; ulimit -f \"$BLOCKS\" && exec \"$CRM\" bulk delete leads --ids-from \"$1\" --journal \"$2\" "
                  "--yes --batch-size 20",
                  "crm", dir / "ids", dir / "journal"},
                 options);
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("cannot write journal") != std::string::npos);
    auto s = summary_of(r.err);
    CHECK(s[0] + s[2] + s[3] == 1000);
    CHECK(s[0] < 1000);
    // Every request was journaled as sent before it went: none after the journal failed.
    std::string journal = read_file(dir / "journal");
    size_t sent = 0;
    for (size_t at = journal.find("\nsent batch "); at != std::string::npos; at = journal.find("\nsent batch ", at + 1)) ++sent;
    CHECK(bulk_requests(sandbox) <= sent);
    CHECK(bulk_requests(sandbox) < 50);
    CHECK(count_lines(lead_ids(sandbox)) == 1000 - s[0]);
}

namespace {

// A stand-in for what may answer instead of the API: a captive portal, a server that rejects
// every batch. Counts the bulk requests it gets.
class BulkFaultServer {
public:
    BulkFaultServer(int status, std::string body, std::string type) {
        server_.Post("/pipeline/bulk-actions", [this, status, body, type](const httplib::Request&, httplib::Response& res) {
            ++posts_;
            res.status = status;
            res.set_content(body, type);
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~BulkFaultServer() {
        server_.stop();
        thread_.join();
    }
    size_t posts() const { return posts_; }

    RunResult crm(const std::vector<std::string>& args) const {
        RunOptions options;
        options.env = {{"CRM_BASE_URL", "http://127.0.0.1:" + std::to_string(port_)}, {"CRM_API_KEY", "fault-test-key-0000"},
                       {"CRM_RETRIES", "0"}, {"XDG_CONFIG_HOME", "/nonexistent-crm-config"}};
        return run_crm(args, options);
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::atomic<size_t> posts_{0};
};

std::string numbered_ids(size_t n) {
    std::string ids;
    for (size_t i = 1; i <= n; ++i) ids += std::to_string(i) + "\n";
    return ids;
}

}  // namespace

TEST_CASE("bulk delete: an HTML 200 (a captive portal) is not a deletion", "[e2e][bulk]") {
    BulkFaultServer portal(200, "<html><body>Sign in to the guest Wi-Fi</body></html>", "text/html");
    TempDir dir("portal");
    std::ofstream(dir / "ids") << numbered_ids(300);
    auto r = portal.crm({"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--journal", dir / "journal",
                         "--failed-out", dir / "failed"});
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(summary_of(r.err) == std::vector<size_t>{0, 0, 200, 100, 0});
    CHECK(r.err.find("not JSON (text/html") != std::string::npos);
    CHECK(portal.posts() == 1);  // the first batch goes alone; nothing is sent after it
    std::string journal = read_file(dir / "journal");
    CHECK(journal.find("unknown batch 1:") != std::string::npos);
    CHECK(journal.find("accepted") == std::string::npos);
    CHECK(count_lines(read_file(dir / "failed")) == 300);
}

TEST_CASE("bulk delete: a server that rejects every batch is not bisected down to single ids", "[e2e][bulk]") {
    BulkFaultServer rejecting(400, R"({"message":"bulk actions are disabled"})", "application/json");
    TempDir dir("rejecting");
    std::ofstream(dir / "ids") << numbered_ids(2000);
    auto r = rejecting.crm({"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes"});
    INFO(r.err);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("stopped bisecting") != std::string::npos);
    // 4 × --parallel + 8 rejections in a row, plus the window in flight: not 3,980 requests.
    CHECK(rejecting.posts() <= 4 * 4 + 8 + 4);
    CHECK(summary_of(r.err) == std::vector<size_t>{0, 0, 2000, 0, 0});
}
