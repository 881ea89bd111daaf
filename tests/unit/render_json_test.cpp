#include "render_support.h"

#include <catch2/catch.hpp>

using namespace crm::render;
using namespace crm::render::test;

namespace {

constexpr std::string_view kTwo = R"([{"id":1,"a":{"b":2},"name":"Zoë"},{"id":2}])";

Options pretty() {
    Options options;
    options.pretty = true;
    return options;
}

}  // namespace

TEST_CASE("json list, compact", "[render]") {
    CHECK(render_list(Format::json, kTwo).out == "[{\"id\":1,\"a\":{\"b\":2},\"name\":\"Zoë\"},{\"id\":2}]\n");
}

TEST_CASE("json list, pretty, matches writing the whole array at once", "[render]") {
    const std::string expected = R"([
  {
    "id": 1,
    "a": {
      "b": 2
    },
    "name": "Zoë"
  },
  {
    "id": 2
  }
]
)";
    CHECK(render_list(Format::json, kTwo, pretty()).out == expected);
    CHECK(crm::json::write(crm::json::parse(kTwo), true) + "\n" == expected);
}

TEST_CASE("json empty list", "[render]") {
    CHECK(render_list(Format::json, "[]").out == "[]\n");
    CHECK(render_list(Format::json, "[]", pretty()).out == "[]\n");
}

TEST_CASE("json single record", "[render]") {
    CHECK(render_single(Format::json, R"({"id":1,"a":[1,2]})").out == "{\"id\":1,\"a\":[1,2]}\n");
    CHECK(render_single(Format::json, R"({"id":1})", pretty()).out == "{\n  \"id\": 1\n}\n");
}

TEST_CASE("json --fields projects nested objects, missing fields are null", "[render]") {
    CHECK(render_list(Format::json, kTwo, with_fields({"a.b", "id", "missing"})).out ==
          R"([{"a":{"b":2},"id":1,"missing":null},{"a":{"b":null},"id":2,"missing":null}])"
          "\n");
    CHECK(render_single(Format::json, R"({"id":1,"owner":{"name":"Ann","id":3}})", with_fields({"owner.name"})).out ==
          "{\"owner\":{\"name\":\"Ann\"}}\n");
}

TEST_CASE("json --fields: the first of overlapping fields wins", "[render]") {
    CHECK(render_single(Format::json, R"({"o":{"a":1,"b":2}})", with_fields({"o", "o.a"})).out ==
          "{\"o\":{\"a\":1,\"b\":2}}\n");
    CHECK(render_single(Format::json, R"({"o":{"a":1,"b":2}})", with_fields({"o.a", "o"})).out ==
          "{\"o\":{\"a\":1}}\n");
}

TEST_CASE("ndjson: one compact record per line, even when pretty", "[render]") {
    CHECK(render_list(Format::ndjson, kTwo, pretty()).out == "{\"id\":1,\"a\":{\"b\":2},\"name\":\"Zoë\"}\n{\"id\":2}\n");
    CHECK(render_list(Format::ndjson, "[]").out == "");
    CHECK(render_single(Format::ndjson, R"({"id":1})").out == "{\"id\":1}\n");
    CHECK(render_list(Format::ndjson, kTwo, with_fields({"id"})).out == "{\"id\":1}\n{\"id\":2}\n");
}
