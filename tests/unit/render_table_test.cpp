#include "render_support.h"

#include <catch2/catch.hpp>

using namespace crm::render;
using namespace crm::render::test;

namespace {

constexpr std::string_view kDeals =
    R"([{"id":"1","title":"Apple","value":{"amount":100}},{"id":"22","title":"Banana split","value":{"amount":5}}])";

}  // namespace

TEST_CASE("table aligns columns under an upper-case header", "[render]") {
    CHECK(render_list(Format::table, kDeals).out ==
          "ID  TITLE         VALUE.AMOUNT\n"
          "1   Apple                  100\n"
          "22  Banana split             5\n");
}

TEST_CASE("table columns: --fields, else the entity's defaults", "[render]") {
    CHECK(render_list(Format::table, kDeals, with_fields({"value.amount", "id"})).out ==
          "VALUE.AMOUNT  ID\n"
          "         100  1\n"
          "           5  22\n");
    Options defaults;
    defaults.default_columns = {"title", "id"};
    CHECK(render_list(Format::table, kDeals, defaults).out ==
          "TITLE         ID\n"
          "Apple         1\n"
          "Banana split  22\n");
}

TEST_CASE("table without headers sizes columns from the cells", "[render]") {
    Options options;
    options.headers = false;
    CHECK(render_list(Format::table, kDeals, options).out ==
          "1   Apple         100\n"
          "22  Banana split    5\n");
}

TEST_CASE("table cells are one line, an empty last cell leaves no trailing blanks", "[render]") {
    CHECK(render_list(Format::table, R"([{"a":"two\nlines\tand tab","b":null}])").out ==
          "A                    B\n"
          "two\\nlines\\tand tab\n");
}

TEST_CASE("table shows control characters from the server escaped", "[render]") {
    // A title that would clear the screen and forge a line of crm's own.
    CHECK(render_list(Format::table, R"([{"id":"1","title":"\u001b[2J\ncrm: fake"}])").out ==
          "ID  TITLE\n"
          "1   \\e[2J\\ncrm: fake\n");
    CHECK(render_single(Format::table, R"({"bad\rkey":"a\u0007b"})").out == "BAD\\rKEY  a\\x07b\n");
}

TEST_CASE("table: later pages keep the first page's widths and cut longer cells", "[render]") {
    CHECK(render_list(Format::table, R"([{"id":"1","name":"Al"},{"id":"22222","name":"Bartholomew"}])", {}, 1).out ==
          "ID  NAME\n"
          "1   Al\n"
          "2…  Bar…\n");
}

TEST_CASE("table lines are cut to the terminal width, counting display columns", "[render]") {
    constexpr std::string_view people = R"([{"id":"1","name":"Zoë","city":"Köln"},{"id":"2","name":"Bob","city":"Oslo"}])";
    CHECK(render_list(Format::table, people).out ==
          "ID  NAME  CITY\n"
          "1   Zoë   Köln\n"
          "2   Bob   Oslo\n");
    Options narrow;
    narrow.width = 8;
    CHECK(render_list(Format::table, people, narrow).out ==
          "ID  NAM…\n"
          "1   Zoë…\n"
          "2   Bob…\n");
    narrow.width = 14;  // exactly fits: nothing is cut
    CHECK(render_list(Format::table, people, narrow).out == render_list(Format::table, people).out);
}

TEST_CASE("table: on a narrow terminal the widest column gives way first", "[render]") {
    constexpr std::string_view deals =
        R"([{"id":"1","title":"Website Redesign - opportunity 1","stage":"stage-new","status":"won"}])";
    Options narrow;
    narrow.width = 40;
    CHECK(render_list(Format::table, deals, narrow).out ==
          "ID  TITLE              STAGE      STATUS\n"  // exactly 40 columns
          "1   Website Redesign…  stage-new  won\n");
}

TEST_CASE("table header is bold only with colour", "[render]") {
    Options color;
    color.color = true;
    CHECK(render_list(Format::table, R"([{"id":"1"}])", color).out == "\x1b[1mID\x1b[0m\n1\n");
    CHECK(render_list(Format::table, R"([{"id":"1"}])").out == "ID\n1\n");
}

TEST_CASE("table of an empty list: a note on stderr, nothing on stdout", "[render]") {
    auto rendered = render_list(Format::table, "[]", with_fields({"id"}));
    CHECK(rendered.out == "");
    CHECK(rendered.notes == "No results.\n");
    CHECK(render_list(Format::table, kDeals).notes == "");
}

TEST_CASE("table of a single record lists keys and values", "[render]") {
    constexpr std::string_view deal = R"({"id":7,"title":"Deal\nsigned","owner":{"name":"Ann"},"tags":["a"]})";
    CHECK(render_single(Format::table, deal).out ==
          "ID          7\n"
          "TITLE       Deal\\nsigned\n"
          "OWNER.NAME  Ann\n"
          "TAGS        a\n");
    CHECK(render_single(Format::table, deal, with_fields({"owner.name", "missing", "id"})).out ==
          "OWNER.NAME  Ann\n"
          "MISSING\n"
          "ID          7\n");
}

TEST_CASE("table shows arrays as lists: tags by label, objects by label, name or value", "[render]") {
    constexpr std::string_view records = R"([
        {"id":"1","tags":[{"id":"t1","label":"hot","color":"#f00"},{"id":"t2","label":"enterprise"}],"emails":["a@x.io","b@x.io"]},
        {"id":"2","tags":[],"emails":[{"value":"c@x.io","type":"work"},{"name":"Ann"},{"id":9},{"other":true}]}])";
    CHECK(render_list(Format::table, records).out ==
          "ID  TAGS             EMAILS\n"
          "1   hot, enterprise  a@x.io, b@x.io\n"
          "2                    c@x.io, Ann, 9, {\"other\":true}\n");
    CHECK(render_single(Format::table, R"({"tags":[{"label":"hot"},{"label":"cold"}]})").out == "TAGS  hot, cold\n");
}

TEST_CASE("table shows a stage key as its pipeline's label when one is known", "[render]") {
    Options options;
    options.stage_label = [](const std::string& pipeline, const std::string& key) -> std::optional<std::string> {
        if (pipeline == "p1" && key == "stage-xyz") return "Proposal";
        return std::nullopt;
    };
    constexpr std::string_view opps = R"([
        {"id":"1","stage":"stage-xyz","pipelineId":"p1"},
        {"id":"2","stage":"stage-odd","pipelineId":"p1"},
        {"id":"3","stage":"stage-xyz"}])";
    CHECK(render_list(Format::table, opps, options).out ==
          "ID  STAGE      PIPELINEID\n"
          "1   Proposal   p1\n"
          "2   stage-odd  p1\n"
          "3   stage-xyz\n");
    CHECK(render_single(Format::table, R"({"stage":"stage-xyz","pipelineId":"p1"})", options).out ==
          "STAGE       Proposal\n"
          "PIPELINEID  p1\n");
    // Without the lookup (any format but the table), the key as it is.
    CHECK(render_list(Format::table, opps).out.find("Proposal") == std::string::npos);
}

TEST_CASE("table right-aligns a column of numbers, header included, and missing values do not count", "[render]") {
    CHECK(render_list(Format::table, R"([{"n":12345,"amount":1250.5,"code":"007"},{"n":null,"amount":3,"code":"12"}])").out ==
          "    N  AMOUNT  CODE\n"
          "12345  1250.5  007\n"
          "            3  12\n");
}

TEST_CASE("table widths count display columns: CJK takes two, combining marks none", "[render]") {
    // "Jose\u0301" is five code points shown in four columns; 東京 four columns in two.
    constexpr std::string_view people =
        R"([{"name":"東京","city":"Jose\u0301","id":"1"},{"name":"Bob","city":"Oslo","id":"2"}])";
    CHECK(render_list(Format::table, people).out ==
          "NAME  CITY  ID\n"
          "東京  Jose\u0301  1\n"
          "Bob   Oslo  2\n");
    Options narrow;
    narrow.width = 9;  // a wide character is never cut in half
    CHECK(render_list(Format::table, R"([{"name":"東京大阪名古屋"}])", narrow).out ==
          "NAME\n"
          "東京大阪…\n");
}
