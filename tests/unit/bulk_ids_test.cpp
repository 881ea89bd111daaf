#include "bulk/batch.h"
#include "bulk/ids.h"
#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm::bulk;
using Catch::Contains;

TEST_CASE("ids from lines: BOM, CRLF, blanks, spaces and duplicates are counted", "[bulk]") {
    auto set = read_ids("\xEF\xBB\xBF" "1\r\n 2 \r\n\r\n\t3\n2\n\n1\n4");
    CHECK(set.ids == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(set.read == 6);
    CHECK(set.blank == 2);
    CHECK(set.duplicates == 2);
}

TEST_CASE("ids from lines: empty input and a lone newline", "[bulk]") {
    CHECK(read_ids("").ids.empty());
    auto set = read_ids("\n");
    CHECK(set.ids.empty());
    CHECK(set.blank == 1);
}

TEST_CASE("ids from crm's json output: one array of records or ids, pretty or compact", "[bulk]") {
    auto pretty = read_ids("[\n  {\n    \"id\": \"a-1\",\n    \"title\": \"x, y\"\n  },\n  {\n    \"id\": 7\n  }\n]\n");
    CHECK(pretty.ids == std::vector<std::string>{"a-1", "7"});
    CHECK(read_ids(R"([{"id":"1","tags":["t"]},{"id":"2"},{"id":"1"}])").ids == std::vector<std::string>{"1", "2"});
    CHECK(read_ids(R"(["x", "y", 3])").ids == std::vector<std::string>{"x", "y", "3"});
    CHECK(read_ids("  []\n").ids.empty());
}

TEST_CASE("ids from crm's ndjson output: the id of each record", "[bulk]") {
    auto set = read_ids("{\"id\":\"1\",\"title\":\"a b\"}\n{\"id\":2}\r\n\n{\"id\":\"1\"}\n");
    CHECK(set.ids == std::vector<std::string>{"1", "2"});
    CHECK(set.blank == 1);
    CHECK(set.duplicates == 1);
}

TEST_CASE("ids from input that is not ids: exit 2 naming the line or element", "[bulk]") {
    using crm::UsageError;
    CHECK_THROWS_AS(read_ids("id,title\n1,a\n"), UsageError);
    CHECK_THROWS_WITH(read_ids("id,title\n1,a\n"), Contains("line 1") && Contains("'id,title' is not an id"));
    CHECK_THROWS_WITH(read_ids("1\n2 3\n"), Contains("line 2"));
    CHECK_THROWS_WITH(read_ids("1\n\"2\"\n"), Contains("line 2"));
    CHECK_THROWS_WITH(read_ids("id\ttitle\n"), Contains("line 1"));
    CHECK_THROWS_WITH(read_ids("1\n{\"title\":\"no id\"}\n"), Contains("line 2") && Contains("without an \"id\""));
    CHECK_THROWS_WITH(read_ids("{not json\n"), Contains("line 1") && Contains("not valid JSON"));
    CHECK_THROWS_WITH(read_ids(R"([{"id":"1"},{"name":"x"}])"), Contains("element 2"));
    CHECK_THROWS_WITH(read_ids(R"([{"id":"1"},[2]])"), Contains("element 2"));
    CHECK_THROWS_WITH(read_ids(R"([{"id":""}])"), Contains("element 1") && Contains("empty id"));
    CHECK_THROWS_WITH(read_ids("[\"1\",\n"), Contains("not valid JSON"));
}

TEST_CASE("ids with control characters, NUL included, are refused", "[bulk]") {
    CHECK_THROWS_WITH(read_ids(std::string("1\n2\0" "3\n", 6)), Contains("line 2") && Contains("control characters"));
    CHECK_THROWS_WITH(read_ids("1\x1b[2J\n"), Contains("line 1"));
    CHECK_THROWS_WITH(read_ids(R"(["ok","a\u0000b"])"), Contains("element 2"));
    CHECK_THROWS_WITH(read_id_lists({"1,2\x01"}), Contains("control characters"));
}

TEST_CASE("ids from --ids lists: commas, repeats, empty parts, an empty value is refused", "[bulk]") {
    auto set = read_id_lists({"a,b,,c", " b , d"});
    CHECK(set.ids == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(set.read == 5);
    CHECK(set.blank == 1);
    CHECK(set.duplicates == 1);
    CHECK_THROWS_WITH(read_id_lists({"1", " "}), Contains("empty value"));
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
