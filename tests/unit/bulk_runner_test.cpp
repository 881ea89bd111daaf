#include "bulk/runner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unistd.h>

using namespace crm::bulk;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> numbered(size_t n) {
    std::vector<std::string> ids;
    for (size_t i = 1; i <= n; ++i) ids.push_back(std::to_string(i));
    return ids;
}

// A fake server: rejects (400) any batch holding a "bad" id, answers the rest with `decide`,
// and remembers every batch it was sent.
struct FakeServer {
    std::function<Answer(const Batch&)> decide = [](const Batch&) { return Answer{.kind = Answer::Kind::accepted}; };
    std::vector<Batch> seen;

    Sender sender() {
        return [this](const std::vector<Batch>& batches, const OnAnswer& on_answer) {
            for (size_t i = 0; i < batches.size(); ++i) {
                seen.push_back(batches[i]);
                bool bad = std::any_of(batches[i].ids.begin(), batches[i].ids.end(),
                                       [](const std::string& id) { return id.starts_with("bad"); });
                on_answer(i, bad ? Answer{.kind = Answer::Kind::rejected, .why = "HTTP 400: bad id"} : decide(batches[i]));
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
    CHECK(s.deleted + s.not_found + s.failed.size() + s.unknown.size() + s.skipped == input.size());
    std::set<std::string> failed(s.failed.begin(), s.failed.end()), unknown(s.unknown.begin(), s.unknown.end());
    CHECK(failed.size() == s.failed.size());
    CHECK(unknown.size() == s.unknown.size());
    for (const auto& id : failed) CHECK_FALSE(unknown.contains(id));
}

struct TempPath {
    fs::path path = fs::temp_directory_path() / ("crm-bulk-runner-" + std::to_string(::getpid()) + ".journal");
    ~TempPath() { fs::remove(path); }
};

}  // namespace

TEST_CASE("runner: every batch accepted; not-found ids are counted apart", "[bulk]") {
    auto ids = numbered(250);
    FakeServer server;
    server.decide = [](const Batch& b) { return Answer{.kind = Answer::Kind::accepted, .not_found = b.number == 3 ? 10u : 0u}; };
    std::vector<size_t> progress;
    auto s = run_delete(ids, server.sender(),
                        {.batch_size = 100, .on_progress = [&](size_t done, size_t total, size_t) {
                             CHECK(total == 250);
                             progress.push_back(done);
                         }});
    CHECK(server.seen.size() == 3);
    CHECK(server.seen[2].ids.size() == 50);
    CHECK(s.deleted == 240);
    CHECK(s.not_found == 10);
    CHECK(s.requests == 3);
    CHECK(progress == std::vector<size_t>{100, 200, 250});
    check_account(ids, s);
}

TEST_CASE("runner: a rejected batch is bisected until the bad ids fail alone", "[bulk]") {
    auto ids = numbered(100);
    ids[37] = "bad-1";
    ids[90] = "bad-2";
    FakeServer server;
    TempPath tmp;
    Journal journal(tmp.path, "lead", "j");
    auto s = run_delete(ids, server.sender(), {.batch_size = 100, .journal = &journal});
    CHECK(s.failed == std::vector<std::string>{"bad-1", "bad-2"});
    CHECK(s.deleted == 98);
    CHECK(s.problems.size() == 2);
    // A bisection costs about 2·log2(100) requests per bad id, not one per id.
    CHECK(server.seen.size() < 30);
    std::set<size_t> numbers;
    for (const auto& b : server.seen) numbers.insert(b.number);
    CHECK(numbers.size() == server.seen.size());  // every batch, split halves too, has its own number
    check_account(ids, s);
}

TEST_CASE("runner: failed and unknown batches, and a batch the sender never answered", "[bulk]") {
    auto ids = numbered(40);
    FakeServer server;
    server.decide = [](const Batch& b) {
        if (b.number == 2) return Answer{.kind = Answer::Kind::failed, .why = "HTTP 503", .retries = 3};
        if (b.number == 3) return Answer{.kind = Answer::Kind::unknown, .why = "dropped"};
        return Answer{.kind = Answer::Kind::accepted};
    };
    auto sender = server.sender();
    auto s = run_delete(ids, [&](const std::vector<Batch>& batches, const OnAnswer& on_answer) {
        sender(std::vector<Batch>(batches.begin(), batches.end() - 1), on_answer);  // the last: no answer
    }, {.batch_size = 10});
    CHECK(s.deleted == 10);
    CHECK(s.failed.size() == 10);
    CHECK(s.failed.front() == "11");
    CHECK(s.unknown.size() == 20);
    CHECK(s.retries == 3);
    check_account(ids, s);
}

TEST_CASE("runner: a resume skips accepted ids, resends the rest, and numbers on", "[bulk]") {
    auto ids = numbered(50);
    TempPath tmp;
    {
        Journal journal(tmp.path, "lead", "j");
        FakeServer server;
        server.decide = [](const Batch& b) {
            return b.number <= 2 ? Answer{.kind = Answer::Kind::accepted} : Answer{.kind = Answer::Kind::unknown, .why = "killed"};
        };
        auto s = run_delete(ids, server.sender(), {.batch_size = 10, .journal = &journal});
        CHECK(s.deleted == 20);
        CHECK(s.unknown.size() == 30);
    }
    Journal journal(tmp.path, "lead", "j");
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

TEST_CASE("runner: an interrupt stops before the next round; unsent ids fail", "[bulk]") {
    auto ids = numbered(8);
    ids[0] = "bad";
    FakeServer server;
    bool stop = false;
    auto sender = server.sender();
    auto s = run_delete(ids, [&](const std::vector<Batch>& b, const OnAnswer& on_answer) {
        sender(b, on_answer);
        stop = true;  // SIGINT during the first round
    }, {.batch_size = 4, .interrupted = [&] { return stop; }});
    CHECK(s.interrupted);
    CHECK(s.deleted == 4);
    CHECK(s.failed.size() == 4);  // the halves of the rejected batch were never sent
    CHECK(server.seen.size() == 2);
    check_account(ids, s);
}
