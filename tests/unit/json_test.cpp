// JSON helpers shared by the client.
#include "json/json.h"

#include <catch2/catch.hpp>

using namespace crm;

TEST_CASE("find follows dotted paths, using the key's length not a terminator", "[json]") {
    auto doc = json::parse(R"({"owner":{"name":"Ada","email":"a@b.c"},"owner.name":"flat","n":1})");
    REQUIRE(json::find(doc, "owner.name"));
    CHECK(std::string(json::find(doc, "owner.name")->GetString()) == "Ada");
    CHECK(json::find(doc, "owner.missing") == nullptr);
    CHECK(json::find(doc, "n.x") == nullptr);
    CHECK(json::find(doc, "n")->GetInt() == 1);
}

TEST_CASE("parse reports line and column, lenient accepts comments and trailing commas", "[json]") {
    try {
        json::parse("{\"a\": 1,\n \"b\": }");
        FAIL("no error");
    } catch (const json::ParseError& e) {
        CHECK(e.line() == 2);
        CHECK(e.column() == 7);
    }
    CHECK_THROWS_AS(json::parse("{\"a\":1,}"), json::ParseError);
    CHECK(json::write(json::parse("{\"a\":1, // note\n}", true)) == R"({"a":1})");
}

TEST_CASE("scalar_text for tables and csv", "[json]") {
    auto doc = json::parse(R"({"s":"x","n":null,"b":true,"i":42,"a":[1,"2"],"o":{"k":1}})");
    CHECK(json::scalar_text(doc["s"]) == "x");
    CHECK(json::scalar_text(doc["n"]).empty());
    CHECK(json::scalar_text(doc["b"]) == "true");
    CHECK(json::scalar_text(doc["i"]) == "42");
    CHECK(json::scalar_text(doc["a"]) == R"([1,"2"])");
    CHECK(json::scalar_text(doc["o"]) == R"({"k":1})");
}

TEST_CASE("parse refuses nesting deeper than kMaxDepth, with its place, and never recurses", "[json][hostile]") {
    const std::string ok = std::string(json::kMaxDepth, '[') + std::string(json::kMaxDepth, ']');
    CHECK(json::parse(ok).IsArray());
    try {
        json::parse("\n" + std::string(200000, '['));
        FAIL("no error");
    } catch (const json::ParseError& e) {
        CHECK(e.line() == 2);
        CHECK(e.column() == json::kMaxDepth + 1);
        CHECK(std::string(e.what()).find("nested deeper than 512 levels") != std::string::npos);
    }
    // Objects count as arrays do; the place is that of the brace one level too deep.
    std::string objects;
    for (size_t i = 0; i <= json::kMaxDepth; ++i) objects += "{\"a\":";
    try {
        json::parse(objects + "1");
        FAIL("no error");
    } catch (const json::ParseError& e) {
        CHECK(e.line() == 1);
        CHECK(e.column() == json::kMaxDepth * 5 + 1);
    }
    // Brackets inside strings are text, not nesting.
    CHECK(json::parse("{\"s\":\"" + std::string(2000, '[') + "\\\"\"}").IsObject());
}
