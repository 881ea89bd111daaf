#include "bulk/runner.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>
#include <unistd.h>

using namespace crm::bulk;
namespace fs = std::filesystem;
using Kind = Answer::Kind;

namespace {

std::vector<std::string> numbered(size_t n) {
    std::vector<std::string> ids;
    for (size_t i = 1; i <= n; ++i) ids.push_back(std::to_string(i));
    return ids;
}

const Answer kRejected{.kind = Kind::rejected, .why = "HTTP 400: bad id", .status = 400, .exit = crm::kExitRejected};

// A fake server: rejects (400) any batch holding a "bad" id, answers the rest with `decide`,
// and remembers every batch it was sent.
struct FakeServer {
    std::function<Answer(const Batch&)> decide = [](const Batch&) { return Answer{.kind = Kind::accepted}; };
    std::vector<Batch> seen;

    Sender sender() {
        return [this](const std::vector<Batch>& batches, const OnAnswer& on_answer) {
            for (size_t i = 0; i < batches.size(); ++i) {
                seen.push_back(batches[i]);
                bool bad = std::any_of(batches[i].ids.begin(), batches[i].ids.end(),
                                       [](const std::string& id) { return id.starts_with("bad"); });
                on_answer(i, bad ? Answer(kRejected) : decide(batches[i]));
            }
        };
    }
    size_t ids_sent() const {
        size_t n = 0;
        for (const auto& b : seen) n += b.ids.size();
        return n;
    }
};

// The invariant of CLI.md §7: the outcomes are disjoint and cover the input.
void check_account(const std::vector<std::string>& input, const Summary& s) {
    CHECK(s.deleted + s.not_found.size() + s.failed.size() + s.unknown.size() + s.skipped == input.size());
    std::set<std::string> failed(s.failed.begin(), s.failed.end()), unknown(s.unknown.begin(), s.unknown.end());
    CHECK(failed.size() == s.failed.size());
    CHECK(unknown.size() == s.unknown.size());
    for (const auto& id : failed) CHECK_FALSE(unknown.contains(id));
}

struct TempPath {
    fs::path path = fs::temp_directory_path() /
                    ("crm-bulk-runner-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".journal");
    ~TempPath() { fs::remove(path); }
    static inline int counter = 0;
};

}  // namespace

TEST_CASE("runner: every batch accepted, not-found ids are counted apart", "[bulk]") {
    auto ids = numbered(250);
    FakeServer server;
    server.decide = [](const Batch& b) {
        Answer answer{.kind = Kind::accepted};
        if (b.number == 3) answer.not_found.assign(b.ids.begin(), b.ids.begin() + 10);
        return answer;
    };
    std::vector<size_t> progress;
    auto s = run_delete(ids, server.sender(),
                        {.batch_size = 100, .on_progress = [&](size_t done, size_t total, size_t) {
                             CHECK(total == 250);
                             progress.push_back(done);
                         }});
    CHECK(server.seen.size() == 3);
    CHECK(server.seen[2].ids.size() == 50);
    CHECK(s.deleted == 240);
    CHECK(s.not_found.size() == 10);
    CHECK(s.not_found.front() == "201");
    CHECK(s.requests == 3);
    CHECK(progress == std::vector<size_t>{100, 200, 250});
    CHECK(s.exit == crm::kExitPartial);  // reported: some deleted, some not found
    check_account(ids, s);

    FakeServer again;
    again.decide = server.decide;
    CHECK(run_delete(ids, again.sender(), {.batch_size = 100, .ignore_not_found = true}).exit == 0);
}

TEST_CASE("runner: the first batch goes alone, then --parallel at a time", "[bulk]") {
    auto ids = numbered(100);
    std::vector<size_t> windows;
    FakeServer server;
    auto sender = server.sender();
    run_delete(ids, [&](const std::vector<Batch>& batches, const OnAnswer& on_answer) {
        windows.push_back(batches.size());
        sender(batches, on_answer);
    }, {.batch_size = 10, .parallel = 4});
    CHECK(windows == std::vector<size_t>{1, 4, 4, 1});
}

TEST_CASE("runner: a rejected batch is bisected until the bad ids fail alone", "[bulk]") {
    auto ids = numbered(100);
    ids[37] = "bad-1";
    ids[90] = "bad-2";
    FakeServer server;
    TempPath tmp;
    Journal journal(tmp.path, "lead", {.ids = ids});
    auto s = run_delete(ids, server.sender(), {.batch_size = 100, .journal = &journal});
    CHECK(s.failed == std::vector<std::string>{"bad-1", "bad-2"});
    CHECK(s.deleted == 98);
    CHECK(s.problems.size() == 2);
    CHECK(s.stopped.empty());
    // A bisection costs about 2·log2(100) requests per bad id, not one per id.
    CHECK(server.seen.size() < 30);
    std::set<size_t> numbers;
    for (const auto& b : server.seen) numbers.insert(b.number);
    CHECK(numbers.size() == server.seen.size());  // every batch, split halves too, has its own number
    check_account(ids, s);
}

TEST_CASE("runner: a rejected batch of two is split, so only its bad id fails", "[bulk]") {
    const std::vector<std::string> ids{"1", "bad-1"};
    FakeServer server;
    auto s = run_delete(ids, server.sender(), {.batch_size = 2});
    CHECK(s.failed == std::vector<std::string>{"bad-1"});
    CHECK(s.deleted == 1);
    REQUIRE(server.seen.size() == 3);
    CHECK(server.seen[1].ids == std::vector<std::string>{"1"});
    CHECK(server.seen[2].ids == std::vector<std::string>{"bad-1"});
    CHECK(s.exit == crm::kExitPartial);
    check_account(ids, s);
}

TEST_CASE("runner: a server that rejects every batch costs a bounded number of requests", "[bulk]") {
    auto ids = numbered(2000);
    FakeServer server;
    server.decide = [](const Batch&) { return kRejected; };
    auto s = run_delete(ids, server.sender(), {.batch_size = 100, .parallel = 4});
    // rejections_in_a_row(4) = 24 rejections, then the window in flight ends: never 2 × the ids.
    CHECK(server.seen.size() >= rejections_in_a_row(4));
    CHECK(server.seen.size() <= rejections_in_a_row(4) + 4);
    CHECK(s.failed.size() == 2000);
    CHECK(s.deleted == 0);
    CHECK(s.exit == crm::kExitRejected);
    CHECK_THAT(s.stopped, Catch::Contains("stopped bisecting"));
    check_account(ids, s);
}

TEST_CASE("runner: failed and unknown batches, and a batch the sender never answered", "[bulk]") {
    auto ids = numbered(40);
    FakeServer server;
    server.decide = [](const Batch& b) {
        if (b.number == 2) return Answer{.kind = Kind::failed, .why = "HTTP 503", .exit = crm::kExitServer, .retries = 3};
        if (b.number == 3) return Answer{.kind = Kind::unknown, .why = "dropped", .exit = crm::kExitNetwork};
        return Answer{.kind = Kind::accepted};
    };
    auto sender = server.sender();
    auto s = run_delete(ids, [&](const std::vector<Batch>& batches, const OnAnswer& on_answer) {
        if (batches.front().number == 1) return sender(batches, on_answer);
        sender(std::vector<Batch>(batches.begin(), batches.end() - 1), on_answer);  // the last: no answer
    }, {.batch_size = 10});
    CHECK(s.deleted == 10);
    CHECK(s.failed.size() == 10);
    CHECK(s.failed.front() == "11");
    CHECK(s.unknown.size() == 20);
    CHECK(s.retries == 3);
    CHECK(s.exit == crm::kExitPartial);
    check_account(ids, s);
}

TEST_CASE("runner: the exit code is the class every failed id shares, 9 when mixed", "[bulk]") {
    auto ids = numbered(30);
    auto run_all = [&](Answer answer) {
        FakeServer server;
        server.decide = [answer](const Batch&) { return answer; };
        return run_delete(ids, server.sender(), {.batch_size = 10}).exit;
    };
    CHECK(run_all({.kind = Kind::failed, .status = 503, .exit = crm::kExitServer}) == crm::kExitServer);
    CHECK(run_all({.kind = Kind::failed, .status = 429, .exit = crm::kExitRateLimited}) == crm::kExitRateLimited);
    CHECK(run_all({.kind = Kind::failed, .exit = crm::kExitNetwork}) == crm::kExitNetwork);
    CHECK(run_all({.kind = Kind::unknown, .exit = crm::kExitNetwork}) == crm::kExitNetwork);
    Answer all_missing{.kind = Kind::accepted};
    all_missing.not_found = ids;
    CHECK(run_all(all_missing) == crm::kExitNotFound);

    FakeServer mixed;
    mixed.decide = [](const Batch& b) {
        return b.number == 1 ? Answer{.kind = Kind::failed, .exit = crm::kExitServer}
                             : Answer{.kind = Kind::failed, .exit = crm::kExitRateLimited};
    };
    CHECK(run_delete(ids, mixed.sender(), {.batch_size = 10}).exit == crm::kExitPartial);
}

TEST_CASE("runner: a 401/403 stops the run at once, exit 3", "[bulk]") {
    auto ids = numbered(100);
    const Answer forbidden{.kind = Kind::failed, .why = "HTTP 403: read-only key", .status = 403, .exit = crm::kExitAuth, .stop = true};
    SECTION("on the first batch: one request") {
        FakeServer server;
        server.decide = [&](const Batch&) { return forbidden; };
        auto s = run_delete(ids, server.sender(), {.batch_size = 10, .parallel = 4});
        CHECK(server.seen.size() == 1);
        CHECK(s.failed.size() == 100);
        CHECK(s.exit == crm::kExitAuth);
        check_account(ids, s);
    }
    SECTION("half-way (a revoked key): the window in flight, nothing after it") {
        FakeServer server;
        server.decide = [&](const Batch& b) { return b.number == 1 ? Answer{.kind = Kind::accepted} : forbidden; };
        auto s = run_delete(ids, server.sender(), {.batch_size = 10, .parallel = 4});
        CHECK(server.seen.size() == 5);
        CHECK(s.deleted == 10);
        CHECK(s.exit == crm::kExitAuth);
        check_account(ids, s);
    }
}

TEST_CASE("runner: an answer that is not the API's is unknown and stops the run", "[bulk]") {
    auto ids = numbered(50);
    FakeServer server;
    server.decide = [](const Batch&) {
        return Answer{.kind = Kind::unknown, .why = "HTTP 200 with a body that is not JSON", .status = 200,
                      .exit = crm::kExitUnexpected, .stop = true};
    };
    auto s = run_delete(ids, server.sender(), {.batch_size = 10});
    CHECK(server.seen.size() == 1);
    CHECK(s.deleted == 0);
    CHECK(s.unknown.size() == 10);
    CHECK(s.failed.size() == 40);
    CHECK(s.exit == crm::kExitUnexpected);
}

TEST_CASE("runner: a resume skips accepted ids, resends the rest, and numbers on", "[bulk]") {
    auto ids = numbered(50);
    TempPath tmp;
    {
        Journal journal(tmp.path, "lead", {.ids = ids});
        FakeServer server;
        server.decide = [](const Batch& b) {
            return b.number <= 2 ? Answer{.kind = Kind::accepted} : Answer{.kind = Kind::failed, .why = "HTTP 503", .exit = 7};
        };
        auto s = run_delete(ids, server.sender(), {.batch_size = 10, .journal = &journal});
        CHECK(s.deleted == 20);
        CHECK(s.failed.size() == 30);
    }
    Journal journal(tmp.path, "lead", {.ids = ids});
    FakeServer server;
    auto s = run_delete(ids, server.sender(), {.batch_size = 10, .journal = &journal});
    CHECK(s.skipped == 20);
    CHECK(s.deleted == 30);
    CHECK(server.ids_sent() == 30);
    REQUIRE_FALSE(server.seen.empty());
    CHECK(server.seen.front().number == 6);
    CHECK(server.seen.front().ids.front() == "21");
    check_account(ids, s);
}

TEST_CASE("runner: ids an earlier run sent without an answer, now not found, count as deleted", "[bulk]") {
    auto ids = numbered(20);
    TempPath tmp;
    {
        Journal journal(tmp.path, "lead", {.ids = ids});
        journal.sent({{1, {ids.begin(), ids.begin() + 10}}});  // killed before the answer
    }
    Journal journal(tmp.path, "lead", {.ids = ids});
    FakeServer server;
    server.decide = [&](const Batch& b) {
        Answer answer{.kind = Kind::accepted};
        for (const auto& id : b.ids) {
            if (std::stoi(id) <= 10 || id == "20") answer.not_found.push_back(id);
        }
        return answer;
    };
    auto s = run_delete(ids, server.sender(), {.batch_size = 10, .journal = &journal});
    CHECK(s.deleted == 19);
    CHECK(s.not_found == std::vector<std::string>{"20"});  // never sent before: really not found
    CHECK(s.exit == crm::kExitPartial);
    check_account(ids, s);
}

namespace {
int g_syncs = 0;
}  // namespace

TEST_CASE("runner: a journal that cannot be written stops the run with an account", "[bulk]") {
    auto ids = numbered(100);
    TempPath tmp;
    g_syncs = 0;
    // The header and the first window's "sent" go to disk; the disk is full for the answer.
    Journal journal(tmp.path, "lead", {.ids = ids}, [](int) {
        if (++g_syncs <= 2) return 0;
        errno = ENOSPC;
        return -1;
    });
    FakeServer server;
    auto s = run_delete(ids, server.sender(), {.batch_size = 10, .journal = &journal});
    CHECK(server.seen.size() == 1);
    CHECK(s.deleted == 10);  // the server did accept it
    CHECK(s.failed.size() == 90);
    CHECK_THAT(s.stopped, Catch::Contains("cannot sync journal"));
    CHECK(s.exit != 0);
    check_account(ids, s);
}

TEST_CASE("runner: an interrupt stops before the next window, unsent ids fail", "[bulk]") {
    auto ids = numbered(8);
    ids[0] = "bad";
    FakeServer server;
    bool stop = false;
    auto sender = server.sender();
    auto s = run_delete(ids, [&](const std::vector<Batch>& b, const OnAnswer& on_answer) {
        sender(b, on_answer);
        stop = true;  // SIGINT during the first window
    }, {.batch_size = 4, .interrupted = [&] { return stop; }});
    CHECK(s.interrupted);
    CHECK(s.deleted == 0);
    CHECK(s.failed.size() == 8);  // the halves of the rejected batch and the second batch were never sent
    CHECK(server.seen.size() == 1);
    REQUIRE_FALSE(s.problems.empty());
    CHECK(s.problems.back().message == "8 ids not sent: interrupted");
    check_account(ids, s);
}
