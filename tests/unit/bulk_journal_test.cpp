#include "bulk/journal.h"
#include "errors.h"
#include "temp_file.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace crm::bulk;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

const std::vector<std::string> kIds{"1", "2", "3", "a b", "5"};
const Job kJob{.ids = kIds};
const Job kFilterJob{.filter = "0123456789abcdef"};

}  // namespace

TEST_CASE("journal: header, job ids, sent, answers, and what a resume reads back", "[bulk]") {
    TempFile tmp;
    {
        Journal journal(tmp.path, "lead", kJob);
        CHECK(journal.state().accepted.empty());
        CHECK(journal.state().last_batch == 0);
        journal.sent({{1, {"1", "2"}}, {2, {"3", "a b"}}, {3, {"5"}}});
        journal.accepted(1, 1, 1);
        journal.unknown(2, "dropped: connection reset");
        journal.failed(3, "HTTP 503: busy\nretry later");
    }
    CHECK(tmp.text() == "crm bulk delete journal v2: entity lead, job ids\n"
                        "job ids: 1 2 3 a%20b 5\n"
                        "sent batch 1: 1 2\n"
                        "sent batch 2: 3 a%20b\n"
                        "sent batch 3: 5\n"
                        "accepted batch 1: deleted 1, not found 1\n"
                        "unknown batch 2: dropped: connection reset\n"
                        "failed batch 3: HTTP 503: busy retry later\n");
    {
        Journal again(tmp.path, "lead", kJob);
        CHECK(again.state().accepted == std::unordered_set<std::string>{"1", "2"});
        CHECK(again.state().unanswered == std::unordered_set<std::string>{"3", "a b"});
        CHECK(again.state().last_batch == 3);
        again.sent({{4, {"a b"}}});
        again.accepted(4, 1, 0);
    }
    Journal third(tmp.path, "lead", kJob);
    CHECK(third.state().accepted == std::unordered_set<std::string>{"1", "2", "a b"});
    CHECK(third.state().unanswered == std::unordered_set<std::string>{"3"});
    CHECK(third.state().last_batch == 4);
}

TEST_CASE("journal: a batch sent but never answered is not accepted, and maybe carried out", "[bulk]") {
    TempFile tmp;
    {
        Journal journal(tmp.path, "case", kJob);
        journal.sent({{1, {"1"}}, {2, {"2"}}, {3, {"3"}}});
        journal.accepted(2, 1, 0);
        journal.split(3, "HTTP 400");
    }
    Journal again(tmp.path, "case", kJob);
    CHECK(again.state().accepted == std::unordered_set<std::string>{"2"});
    CHECK(again.state().unanswered == std::unordered_set<std::string>{"1"});  // a split batch was not carried out
}

TEST_CASE("journal: a torn last line is ignored and the next line starts clean", "[bulk]") {
    TempFile tmp;
    {
        Journal journal(tmp.path, "lead", kJob);
        journal.sent({{1, {"1"}}});
    }
    std::ofstream(tmp.path, std::ios::app) << "accepted bat";
    {
        Journal again(tmp.path, "lead", kJob);
        CHECK(again.state().accepted.empty());
        again.accepted(1, 1, 0);
    }
    Journal third(tmp.path, "lead", kJob);
    CHECK(third.state().accepted == std::unordered_set<std::string>{"1"});
}

TEST_CASE("journal: killed while writing the job record, it starts afresh", "[bulk]") {
    TempFile tmp;
    std::ofstream(tmp.path) << "crm bulk delete journal v2: entity lead, job ids\njob ids: 9 8";
    const std::vector<std::string> other{"7"};
    Journal journal(tmp.path, "lead", {.ids = other});
    CHECK(tmp.text() == "crm bulk delete journal v2: entity lead, job ids\njob ids: 7\n");
}

TEST_CASE("journal: resumes a subset of its job's ids, refuses ids outside it", "[bulk]") {
    TempFile tmp;
    {
        Journal journal(tmp.path, "lead", kJob);
        journal.sent({{1, {"1", "2"}}});
        journal.accepted(1, 2, 0);
    }
    // The documented pipe lists fewer ids the second time: the same job.
    const std::vector<std::string> fewer{"3", "a b", "5"};
    { CHECK_NOTHROW(Journal(tmp.path, "lead", {.ids = fewer})); }
    const std::vector<std::string> more{"3", "6", "7"};
    CHECK_THROWS_AS(Journal(tmp.path, "lead", {.ids = more}), crm::UsageError);
    CHECK_THROWS_WITH(Journal(tmp.path, "lead", {.ids = more}),
                      Contains("belongs to another job") && Contains("2 of this run's ids are not in it"));
}

TEST_CASE("journal: refuses another job's journal, another version, and a file that is not a journal", "[bulk]") {
    TempFile tmp;
    { Journal journal(tmp.path, "lead", kFilterJob); }
    CHECK_THROWS_AS(Journal(tmp.path, "lead", {.filter = "fedcba9876543210"}), crm::UsageError);
    CHECK_THROWS_WITH(Journal(tmp.path, "lead", kJob), Contains("belongs to another job"));
    CHECK_THROWS_WITH(Journal(tmp.path, "contact", kFilterJob), Contains("belongs to another job"));

    TempFile v1;
    std::ofstream(v1.path) << "crm bulk delete journal v1: entity lead, job ids 0123\nsent batch 1: 1\n";
    CHECK_THROWS_WITH(Journal(v1.path, "lead", kJob), Contains("another version of crm") && Contains("v1"));
    TempFile v3;
    std::ofstream(v3.path) << "crm bulk delete journal v3: entity lead, job ids\n";
    CHECK_THROWS_WITH(Journal(v3.path, "lead", kJob), Contains("another version of crm"));

    TempFile other;
    std::ofstream(other.path) << "my notes\n";
    CHECK_THROWS_WITH(Journal(other.path, "lead", kJob), Contains("not a crm bulk journal"));
    TempFile unterminated;
    std::ofstream(unterminated.path) << "my notes";
    CHECK_THROWS_WITH(Journal(unterminated.path, "lead", kJob), Contains("not a crm bulk journal"));
    std::ifstream check(other.path);
    std::string line;
    std::getline(check, line);
    CHECK(line == "my notes");
}

TEST_CASE("journal: a second run on a locked journal is refused, and may go once it is free", "[bulk]") {
    TempFile tmp;
    {
        Journal first(tmp.path, "lead", kJob);
        CHECK_THROWS_WITH(Journal(tmp.path, "lead", kJob), Contains("in use by another crm bulk run"));
    }
    CHECK_NOTHROW(Journal(tmp.path, "lead", kJob));
}

namespace {

// Sizes of the journal file at each sync: every record must be whole on disk before the run
// goes on (a kill right after must find it).
std::vector<off_t> g_synced_sizes;
int counting_sync(int fd) {
    struct stat st {};
    ::fstat(fd, &st);
    g_synced_sizes.push_back(st.st_size);
    return 0;
}

}  // namespace

TEST_CASE("journal: every record is synced once, after it is written whole", "[bulk]") {
    TempFile tmp;
    g_synced_sizes.clear();
    std::vector<off_t> sizes;
    auto size_now = [&] { sizes.push_back(static_cast<off_t>(fs::file_size(tmp.path))); };
    {
        Journal journal(tmp.path, "lead", kJob, counting_sync);
        size_now();
        journal.sent({{1, {"1"}}, {2, {"2"}}});  // one record for the window: one sync
        size_now();
        journal.accepted(1, 1, 0);
        size_now();
        journal.unknown(2, "dropped");
        size_now();
        journal.split(3, "HTTP 400");
        size_now();
        journal.failed(4, "HTTP 503");
        size_now();
    }
    CHECK(g_synced_sizes == sizes);
}

namespace {
int g_sync_calls = 0;
}  // namespace

TEST_CASE("journal: a failing sync is an error, not a silent loss", "[bulk]") {
    TempFile tmp;
    g_sync_calls = 0;
    Journal journal(tmp.path, "lead", kJob, [](int) {
        if (++g_sync_calls == 1) return 0;  // the header
        errno = ENOSPC;
        return -1;
    });
    CHECK_THROWS_WITH(journal.sent({{1, {"1"}}}), Contains("cannot sync journal"));
}
