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

TEST_CASE("csv columns come from the first record", "[render]") {
    CHECK(render_list(Format::csv, R"([{"id":1,"a":"x"},{"id":2,"b":"y"}])").out == "id,a\n1,x\n2,\n");
}

TEST_CASE("csv and tsv of an empty list", "[render]") {
    CHECK(render_list(Format::csv, "[]").out == "");
    CHECK(render_list(Format::csv, "[]", with_fields({"id", "name"})).out == "id,name\n");
    CHECK(render_list(Format::tsv, "[]", with_fields({"id", "name"})).out == "id\tname\n");
    Options no_headers = with_fields({"id"});
    no_headers.headers = false;
    CHECK(render_list(Format::csv, "[]", no_headers).out == "");
}

TEST_CASE("csv of a single record is a header and one row", "[render]") {
    CHECK(render_single(Format::csv, R"({"id":7,"name":"Ann"})").out == "id,name\n7,Ann\n");
}
