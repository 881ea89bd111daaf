#include "render_support.h"

#include <catch2/catch.hpp>

using namespace crm::render;
using namespace crm::render::test;

TEST_CASE("ids: one id per line, records without an id skipped", "[render]") {
    CHECK(render_list(Format::ids, R"([{"id":1,"x":2},{"id":"abc"},{"name":"no id"},{"id":3}])").out == "1\nabc\n3\n");
    CHECK(render_list(Format::ids, "[]").out == "");
    CHECK(render_single(Format::ids, R"({"id":42,"name":"x"})").out == "42\n");
}

TEST_CASE("format names parse and print", "[render]") {
    CHECK(format_names() == std::vector<std::string>{"table", "json", "ndjson", "csv", "tsv", "ids"});
    for (const auto& name : format_names()) {
        auto format = parse_format(name);
        REQUIRE(format);
        CHECK(format_name(*format) == name);
    }
    CHECK_FALSE(parse_format("xml"));
    CHECK_FALSE(parse_format("JSON"));
    CHECK_FALSE(parse_format(""));
}

TEST_CASE("flatten: dotted keys in document order, arrays and empty objects whole", "[render]") {
    auto doc = crm::json::parse(R"({"a":{"b":1,"c":{"d":"x"}},"e":[1,{"f":2}],"g":{},"h":null})");
    std::vector<std::string> keys, values;
    for (const auto& [key, value] : flatten(doc)) {
        keys.push_back(key);
        values.push_back(crm::json::write(*value));
    }
    CHECK(keys == std::vector<std::string>{"a.b", "a.c.d", "e", "g", "h"});
    CHECK(values == std::vector<std::string>{"1", "\"x\"", "[1,{\"f\":2}]", "{}", "null"});
}
