#include "bulk/batch.h"
#include "bulk/ids.h"

#include <catch2/catch.hpp>

using namespace crm::bulk;

TEST_CASE("ids from lines: BOM, CRLF, blanks, spaces and duplicates are counted", "[bulk]") {
    auto set = read_id_lines("\xEF\xBB\xBF" "1\r\n 2 \r\n\r\n\t3\n2\n\n1\n4");
    CHECK(set.ids == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(set.read == 6);
    CHECK(set.blank == 2);
    CHECK(set.duplicates == 2);
}

TEST_CASE("ids from lines: empty input and a lone newline", "[bulk]") {
    CHECK(read_id_lines("").ids.empty());
    auto set = read_id_lines("\n");
    CHECK(set.ids.empty());
    CHECK(set.blank == 1);
}

TEST_CASE("ids from --ids lists: commas, repeats, empty parts", "[bulk]") {
    auto set = read_id_lists({"a,b,,c", " b , d"});
    CHECK(set.ids == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(set.read == 5);
    CHECK(set.blank == 1);
    CHECK(set.duplicates == 1);
}

TEST_CASE("the set hash ignores order and tells sets apart", "[bulk]") {
    CHECK(set_hash({"1", "2", "3"}) == set_hash({"3", "1", "2"}));
    CHECK(set_hash({"1", "2"}) != set_hash({"1", "2", "3"}));
    CHECK(set_hash({"12", "3"}) != set_hash({"1", "23"}));
    CHECK(set_hash({}).size() == 16);
}

TEST_CASE("batches: consecutive, numbered, the last one short", "[bulk]") {
    std::vector<std::string> ids{"a", "b", "c", "d", "e"};
    auto batches = make_batches(ids, 2, 7);
    REQUIRE(batches.size() == 3);
    CHECK(batches[0].number == 7);
    CHECK(batches[0].ids == std::vector<std::string>{"a", "b"});
    CHECK(batches[2].number == 9);
    CHECK(batches[2].ids == std::vector<std::string>{"e"});
    CHECK(make_batches({}, 100, 1).empty());
    CHECK(make_batches(ids, 1000, 1).size() == 1);
}
