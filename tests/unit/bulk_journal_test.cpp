#include "bulk/journal.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace crm::bulk;
namespace fs = std::filesystem;

namespace {

struct TempJournal {
    fs::path path = fs::temp_directory_path() /
                    ("crm-bulk-journal-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".journal");
    ~TempJournal() { fs::remove(path); }
    std::string text() const {
        std::ifstream file(path);
        std::ostringstream out;
        out << file.rdbuf();
        return out.str();
    }
    static inline int counter = 0;
};

}  // namespace

TEST_CASE("journal: header, sent, answers, and what a resume reads back", "[bulk]") {
    TempJournal tmp;
    {
        Journal journal(tmp.path, "lead", "ids abc");
        CHECK(journal.state().accepted.empty());
        CHECK(journal.state().last_batch == 0);
        journal.sent({{1, {"1", "2"}}, {2, {"3", "a b"}}, {3, {"5"}}});
        journal.accepted(1, 1, 1);
        journal.unknown(2, "dropped: connection reset");
        journal.failed(3, "HTTP 503: busy\nretry later");
    }
    CHECK(tmp.text() == "crm bulk delete journal v1: entity lead, job ids abc\n"
                        "sent batch 1: 1 2\n"
                        "sent batch 2: 3 a%20b\n"
                        "sent batch 3: 5\n"
                        "accepted batch 1: deleted 1, not found 1\n"
                        "unknown batch 2: dropped: connection reset\n"
                        "failed batch 3: HTTP 503: busy retry later\n");
    {
        Journal again(tmp.path, "lead", "ids abc");
        CHECK(again.state().accepted == std::unordered_set<std::string>{"1", "2"});
        CHECK(again.state().last_batch == 3);
        again.sent({{4, {"a b"}}});
        again.accepted(4, 1, 0);
    }
    Journal third(tmp.path, "lead", "ids abc");
    CHECK(third.state().accepted == std::unordered_set<std::string>{"1", "2", "a b"});
    CHECK(third.state().last_batch == 4);
}

TEST_CASE("journal: a batch sent but never answered is not accepted", "[bulk]") {
    TempJournal tmp;
    {
        Journal journal(tmp.path, "case", "j");
        journal.sent({{1, {"1"}}, {2, {"2"}}});
        journal.accepted(2, 1, 0);
    }
    Journal again(tmp.path, "case", "j");
    CHECK(again.state().accepted == std::unordered_set<std::string>{"2"});
}

TEST_CASE("journal: a torn last line is ignored and the next line starts clean", "[bulk]") {
    TempJournal tmp;
    {
        Journal journal(tmp.path, "lead", "j");
        journal.sent({{1, {"1"}}});
    }
    std::ofstream(tmp.path, std::ios::app) << "accepted bat";
    {
        Journal again(tmp.path, "lead", "j");
        CHECK(again.state().accepted.empty());
        again.accepted(1, 1, 0);
    }
    Journal third(tmp.path, "lead", "j");
    CHECK(third.state().accepted == std::unordered_set<std::string>{"1"});
}

TEST_CASE("journal: refuses another job's journal and a file that is not a journal", "[bulk]") {
    TempJournal tmp;
    { Journal journal(tmp.path, "lead", "ids 1111"); }
    CHECK_THROWS_AS(Journal(tmp.path, "lead", "ids 2222"), crm::UsageError);
    CHECK_THROWS_WITH(Journal(tmp.path, "contact", "ids 1111"), Catch::Contains("belongs to another job"));

    TempJournal other;
    std::ofstream(other.path) << "my notes\n";
    CHECK_THROWS_WITH(Journal(other.path, "lead", "ids 1111"), Catch::Contains("not a crm bulk journal"));
    std::ifstream check(other.path);
    std::string line;
    std::getline(check, line);
    CHECK(line == "my notes");
}

TEST_CASE("journal: a second run on a locked journal is refused, and may go once it is free", "[bulk]") {
    TempJournal tmp;
    {
        Journal first(tmp.path, "lead", "j");
        CHECK_THROWS_WITH(Journal(tmp.path, "lead", "j"), Catch::Contains("in use by another crm bulk run"));
    }
    CHECK_NOTHROW(Journal(tmp.path, "lead", "j"));
}
