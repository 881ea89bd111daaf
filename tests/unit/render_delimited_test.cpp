#include "errors.h"
#include "render_support.h"

#include <catch2/catch.hpp>

using namespace crm::render;
using namespace crm::render::test;

namespace {

// A name with a comma, quotes, a line break and a non-ASCII letter; nested objects; an array.
constexpr std::string_view kDeal =
    R"([{"id":1,"title":"Zoë, \"Ltd\"\nline2","owner":{"name":"Ann","id":7},)"
    R"("value":{"amount":12.5,"currency":"EUR"},"tags":["a","b"],"archived":false,"notes":null}])";

}  // namespace

TEST_CASE("csv_field quotes only what RFC 4180 needs", "[render]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field(" padded ") == "\" padded \"");
    CHECK(csv_field("Zoë Škoda") == "Zoë Škoda");
}

TEST_CASE("tsv_field escapes tabs, line breaks and backslashes", "[render]") {
    CHECK(tsv_field("plain, \"quoted\"") == "plain, \"quoted\"");
    CHECK(tsv_field("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e");
}

TEST_CASE("csv flattens nested fields, keeps arrays as JSON and quotes", "[render]") {
    CHECK(render_list(Format::csv, kDeal).out ==
          "id,title,owner.name,owner.id,value.amount,value.currency,tags,archived,notes\n"
          "1,\"Zoë, \"\"Ltd\"\"\nline2\",Ann,7,12.5,EUR,\"[\"\"a\"\",\"\"b\"\"]\",false,\n");
}

TEST_CASE("tsv escapes instead of quoting", "[render]") {
    CHECK(render_list(Format::tsv, kDeal).out ==
          "id\ttitle\towner.name\towner.id\tvalue.amount\tvalue.currency\ttags\tarchived\tnotes\n"
          "1\tZoë, \"Ltd\"\\nline2\tAnn\t7\t12.5\tEUR\t[\"a\",\"b\"]\tfalse\t\n");
}

TEST_CASE("csv --fields selects and orders columns, missing fields are empty", "[render]") {
    CHECK(render_list(Format::csv, kDeal, with_fields({"value.amount", "id", "tags", "nope", "owner"})).out ==
          "value.amount,id,tags,nope,owner\n"
          "12.5,1,\"[\"\"a\"\",\"\"b\"\"]\",,\"{\"\"name\"\":\"\"Ann\"\",\"\"id\"\":7}\"\n");
}

TEST_CASE("csv --no-headers writes rows only", "[render]") {
    Options options;
    options.headers = false;
    CHECK(render_list(Format::csv, R"([{"id":1,"name":"a"},{"id":2,"name":"b"}])", options).out == "1,a\n2,b\n");
}

TEST_CASE("csv columns are the known ones, then every key of the first page", "[render]") {
    // The second record's "b" is not lost because the first record lacks it.
    CHECK(render_list(Format::csv, R"([{"id":1,"a":"x"},{"id":2,"b":"y"}])").out == "id,a,b\n1,x,\n2,,y\n");
    Options known;
    known.default_columns = {"id", "title", "owner.name"};
    CHECK(render_list(Format::csv, R"([{"id":1,"extra":true,"owner":{"name":"Ann","id":7}},{"id":2,"title":"T"}])",
                      known)
              .out == "id,title,owner.name,extra,owner.id\n1,,Ann,true,7\n2,T,,,\n");
}

TEST_CASE("csv: a null where others have an object adds no column of its own", "[render]") {
    CHECK(render_list(Format::csv, R"([{"id":1,"owner":null},{"id":2,"owner":{"name":"Ann"}}])").out ==
          "id,owner\n1,\n2,\"{\"\"name\"\":\"\"Ann\"\"}\"\n");
    CHECK(render_list(Format::csv, R"([{"id":1,"owner":{"name":"Ann"}},{"id":2,"owner":null}])").out ==
          "id,owner.name\n1,Ann\n2,\n");
}

TEST_CASE("csv: a key first seen after the first page gets one warning naming it", "[render]") {
    std::vector<std::string> warnings;
    Options options;
    options.warn = [&warnings](std::string_view message) { warnings.emplace_back(message); };
    auto rendered = render_list(Format::csv, R"([{"id":1},{"id":2,"late":"x"},{"id":3,"late":"y","owner":{"n":1}}])",
                                options, 1);
    CHECK(rendered.out == "id\n1\n2\n3\n");
    CHECK(warnings == std::vector<std::string>{
                          "field 'late' first appears after the first page and is not in the csv header; "
                          "name it in --fields to include it",
                          "field 'owner.n' first appears after the first page and is not in the csv header; "
                          "name it in --fields to include it"});

    SECTION("without a warn function, on the notes stream") {
        CHECK(render_list(Format::tsv, R"([{"id":1},{"id":2,"late":"x"}])", {}, 1).notes ==
              "crm: warning: field 'late' first appears after the first page and is not in the tsv header; "
              "name it in --fields to include it\n");
    }
    SECTION("with --fields nothing is missing by surprise") {
        CHECK(render_list(Format::csv, R"([{"id":1},{"id":2,"late":"x"}])", with_fields({"id"}), 1).notes.empty());
    }
}

TEST_CASE("checked_fields trims --fields paths and refuses empty or malformed ones", "[render]") {
    CHECK(checked_fields({" id, owner.name ", "\ttitle"}) == std::vector<std::string>{"id", "owner.name", "title"});
    CHECK_THROWS_AS(checked_fields({"id,,title"}), crm::UsageError);
    CHECK_THROWS_AS(checked_fields({"id,"}), crm::UsageError);
    CHECK_THROWS_AS(checked_fields({""}), crm::UsageError);
    CHECK_THROWS_WITH(checked_fields({"id", " "}),
                      "--fields has an empty field name (fields are separated by single commas)");
    for (const char* bad : {".a", "a..b", "a."}) {
        CHECK_THROWS_WITH(checked_fields({bad}), "--fields: '" + std::string(bad) +
                                                     "' is not a field path (names joined by single dots: owner.name)");
    }
    std::ostringstream out, notes;
    CHECK_THROWS_AS(make_renderer(Format::json, with_fields({"a..b"}), out, notes), crm::UsageError);
}

TEST_CASE("csv and tsv of an empty list", "[render]") {
    CHECK(render_list(Format::csv, "[]").out == "");
    Options known;
    known.default_columns = {"id", "title"};
    CHECK(render_list(Format::csv, "[]", known).out == "id,title\n");
    CHECK(render_list(Format::csv, "[]", with_fields({"id", "name"})).out == "id,name\n");
    CHECK(render_list(Format::tsv, "[]", with_fields({"id", "name"})).out == "id\tname\n");
    Options no_headers = with_fields({"id"});
    no_headers.headers = false;
    CHECK(render_list(Format::csv, "[]", no_headers).out == "");
}

TEST_CASE("csv of a single record is a header and one row", "[render]") {
    CHECK(render_single(Format::csv, R"({"id":7,"name":"Ann"})").out == "id,name\n7,Ann\n");
}
