// crm bulk delete end to end: the real crm binary against a real crm-sandbox with its fault
// flags, checked against what the sandbox then holds and what its access log (--log) shows.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
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

// A fresh directory for a test's files (ids, journal, failed-out).
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / ("crm-bulk-e2e-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string operator/(const std::string& file) const { return (path / file).string(); }
};

std::string read_file(const std::string& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

size_t count_lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// Access-log lines of bulk requests, e.g. "POST /pipeline/bulk-actions 200 1.2ms"; status "" = any.
size_t bulk_requests(const SandboxProcess& sandbox, const std::string& status = "") {
    std::istringstream log(sandbox.stderr_text());
    std::string line, prefix = "POST /pipeline/bulk-actions " + status;
    size_t n = 0;
    while (std::getline(log, line)) n += line.rfind(prefix, 0) == 0;
    return n;
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

// Starts crm in the background (for a kill), with the environment crm() would give it.
// stderr goes to `err_path` ("" = /dev/null).
pid_t spawn_crm(const SandboxProcess& sandbox, const std::vector<std::string>& args, const std::string& err_path = "") {
    auto options = env_for(sandbox);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e, name = entry.substr(0, entry.find('='));
        if (!options.env.contains(name) &&
            std::find(options.unset_env.begin(), options.unset_env.end(), name) == options.unset_env.end())
            env.push_back(entry);
    }
    for (const auto& [k, v] : options.env) env.push_back(k + "=" + v);
    std::vector<std::string> argv{CRM_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv, c_env;
    for (auto& a : argv) c_argv.push_back(a.data());
    for (auto& e : env) c_env.push_back(e.data());
    c_argv.push_back(nullptr);
    c_env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.empty() ? "/dev/null" : err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, CRM_BIN, &actions, nullptr, c_argv.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
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
          "[e2e][bulk]") {
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
    // The accepted batches were skipped; only the batches in flight at the kill come back as
    // not found: the proof that no accepted batch was sent again.
    CHECK(s[4] == accepted * 20);
    CHECK(s[1] == (carried_out - accepted) * 20);
    CHECK(s[0] + s[1] + s[4] == 1000);
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

TEST_CASE("bulk delete: SIGINT flushes the journal, prints the summary and exits 130", "[e2e][bulk]") {
    SandboxProcess sandbox({"--seed-records", "4000", "--latency-ms", "60", "--log"});  // 1000 leads
    TempDir dir("sigint");
    std::ofstream(dir / "ids") << lead_ids(sandbox);
    std::vector<std::string> args{"bulk", "delete", "leads", "--ids-from", dir / "ids", "--yes", "--batch-size", "20",
                                  "--parallel", "2", "--journal", dir / "journal", "--failed-out", dir / "failed"};
    pid_t pid = spawn_crm(sandbox, args, dir / "err");
    wait_for_bulk_answers(sandbox, 10);
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::string err = read_file(dir / "err");
    INFO(err);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    auto s = summary_of(err);
    CHECK(s[0] + s[1] + s[2] + s[3] == 1000);
    CHECK(s[2] + s[3] > 0);
    CHECK(count_lines(read_file(dir / "failed")) == s[2] + s[3]);

    auto r = crm(sandbox, args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto resumed = summary_of(r.err);
    CHECK(resumed[4] == s[0] + s[1]);  // what the interrupted run had accepted is skipped
    CHECK(lead_ids(sandbox).empty());
}
