// Request bodies from --data, --field and --typed-field (CLI.md §3).
#include "api/body.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <map>

using namespace crm;
using namespace crm::api;

namespace {

FileReader fake_files(std::initializer_list<std::pair<const std::string, std::string>> list) {
    std::map<std::string, std::string> contents(list);
    return [contents](const std::string& path) {
        auto it = contents.find(path);
        if (it == contents.end()) throw UsageError("cannot read " + path);
        return it->second;
    };
}

std::string body(const BodyInput& in, const FileReader& read) { return json::write(build_body(in, read)); }
std::string body(const BodyInput& in) { return body(in, fake_files({})); }

}  // namespace

TEST_CASE("fields set strings at dotted paths on top of --data", "[body]") {
    BodyInput in;
    in.data = R"({"title":"Old","value":{"code":"USD"}})";
    in.fields = {"title=New", "owner.email=a@b.c"};
    in.typed_fields = {"value.amount=25000", "tags[]=x", "tags[]=y", "flag=true", "note=plain text", "n=null"};
    CHECK(body(in) ==
          R"({"title":"New","value":{"code":"USD","amount":25000},"owner":{"email":"a@b.c"},"tags":["x","y"],"flag":true,"note":"plain text","n":null})");
}

TEST_CASE("field flags: -f keeps numbers as strings, -F parses them", "[body]") {
    BodyInput in;
    in.fields = {"a=1"};
    in.typed_fields = {"b=1", "c=[1,2]", "d={\"k\":\"v\"}"};
    CHECK(body(in) == R"({"a":"1","b":1,"c":[1,2],"d":{"k":"v"}})");
}

TEST_CASE("invalid JSON names the line and column, nothing else happens", "[body]") {
    BodyInput in;
    in.data = "{\n  \"title\": \"x\",\n  oops\n}";
    try {
        build_body(in, fake_files({}));
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("line 3, column 3") != std::string::npos);
        CHECK(e.exit_code() == kExitUsage);
    }
}

TEST_CASE("the API reference's example bodies (comments, trailing commas) are accepted and sent as strict JSON", "[body]") {
    BodyInput in;
    in.data = R"({ "status": "won", })";
    CHECK(body(in) == R"({"status":"won"})");
    in.data = "{ \"stage\": \"stage-xyz\" // Stage Key\n }";
    CHECK(body(in) == R"({"stage":"stage-xyz"})");
}

TEST_CASE("@FILE and @- read files, unreadable files are usage errors", "[body]") {
    BodyInput in;
    in.data = "@body.json";
    CHECK(body(in, fake_files({{"body.json", R"({"title":"From file"})"}})) == R"({"title":"From file"})");
    in.data = "@missing.json";
    CHECK_THROWS_AS(body(in, fake_files({})), UsageError);
    BodyInput typed;
    typed.typed_fields = {"customFields=@cf.json"};
    CHECK(body(typed, fake_files({{"cf.json", R"({"k":1})"}})) == R"({"customFields":{"k":1}})");
}

TEST_CASE("malformed fields are usage errors", "[body]") {
    BodyInput in;
    in.fields = {"novalue"};
    CHECK_THROWS_AS(build_body(in, fake_files({})), UsageError);
    in.fields = {"a=1", "a.b=2"};
    CHECK_THROWS_AS(build_body(in, fake_files({})), UsageError);
    BodyInput arr;
    arr.data = "[1,2]";
    arr.fields = {"a=1"};
    CHECK_THROWS_AS(build_body(arr, fake_files({})), UsageError);
}

TEST_CASE("the profile's user and tenant fill creator, lastUpdatedBy and tenantId when absent", "[body]") {
    Identity me{"u1", "Ada", "ada@example.com", "t1"};
    auto doc = json::parse(R"({"title":"x"})");
    stamp_identity(doc, me, Stamp::create);
    CHECK(json::write(doc) == R"({"title":"x","creator":{"id":"u1","name":"Ada","email":"ada@example.com"},"tenantId":"t1"})");

    auto update = json::parse(R"({"title":"x","lastUpdatedBy":{"id":"other"}})");
    stamp_identity(update, me, Stamp::update);
    CHECK(json::write(update) == R"({"title":"x","lastUpdatedBy":{"id":"other"}})");

    auto nobody = json::parse(R"({})");
    stamp_identity(nobody, Identity{}, Stamp::create);
    CHECK(json::write(nobody) == "{}");
}

TEST_CASE("a dotted path nests at every dot, however deep", "[body]") {
    BodyInput in;
    in.fields = {"a.b.c.d=1"};
    in.typed_fields = {"w.x.y.z=2"};
    CHECK(body(in) == R"({"a":{"b":{"c":{"d":"1"}}},"w":{"x":{"y":{"z":2}}}})");
}

TEST_CASE("hostile bodies: too deep, NUL bytes, invalid JSON are usage errors", "[body][hostile]") {
    BodyInput deep;
    deep.data = std::string(100000, '[');
    CHECK_THROWS_AS(build_body(deep, fake_files({})), UsageError);
    BodyInput nul;
    nul.data = std::string("{\"title\":\"a\0b\"}", 15);
    CHECK_THROWS_AS(build_body(nul, fake_files({})), UsageError);
    // -F takes a value too deep to be JSON as the string it is.
    BodyInput typed;
    typed.typed_fields = {"t=" + std::string(600, '[')};
    CHECK(body(typed) == "{\"t\":\"" + std::string(600, '[') + "\"}");
}
