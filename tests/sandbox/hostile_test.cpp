// Hostile input: deep nesting, huge bodies, request lines and headers, NUL bytes, invalid
// UTF-8. Each is answered with a 4xx and the sandbox goes on serving.
#include "http_helpers.h"

#include <catch2/catch.hpp>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// A lead whose field "a" holds arrays nested `levels` deep: the body's depth is levels + 1.
std::string lead_nested(size_t levels) {
    return R"({"title":"deep","a":)" + repeat("[", levels) + repeat("]", levels) + "}";
}

// A lead body of exactly `bytes` bytes.
std::string lead_of_size(size_t bytes) {
    std::string head = R"({"title":"big","pad":")", tail = "\"}";
    return head + std::string(bytes - head.size() - tail.size(), 'x') + tail;
}

void check_alive(const SandboxProcess& sb) {
    auto r = Http(sb).get("/pipeline/leads");
    REQUIRE(r.status == 200);
}

}  // namespace

TEST_CASE("hostile: nesting deeper than 64 levels is a 400, however deep") {
    SandboxProcess sb;
    Http h(sb);
    const std::string opens = repeat("{\"a\":", 100000);
    for (const std::string& body : {repeat("[", 100000),  // ~100 KB, never closed
                                    opens,               // ~500 KB
                                    R"({"title":"x","a":)" + opens + "1" + repeat("}", 100001),  // well-formed
                                    lead_nested(64)}) {
        INFO(body.substr(0, 40) << "... " << body.size() << " bytes");
        auto r = h.post("/pipeline/leads", body);
        CHECK(r.status == 400);
        REQUIRE(r.json.IsObject());
        CHECK(std::string(r.json["message"].GetString()) == "JSON nested deeper than 64 levels");
        CHECK(std::string(r.json["field"].GetString()) == "body");
    }
    check_alive(sb);
    // 64 levels are fine, and come back as they were sent.
    auto ok = h.post("/pipeline/leads", lead_nested(63));
    REQUIRE(ok.status == 201);
    auto back = h.get("/pipeline/leads/" + ok.id());
    CHECK(sbt::dump(back.item()["a"]) == repeat("[", 63) + repeat("]", 63));
    CHECK(h.patch("/pipeline/leads/" + ok.id(), R"({"b":)" + repeat("[", 64) + repeat("]", 64) + "}").status == 400);
}

TEST_CASE("hostile: a body over 1 MiB is a 413, with Content-Length or chunked, the connection stays usable") {
    SandboxProcess sb;
    Http h(sb);
    const size_t limit = 1024 * 1024;
    CHECK(h.post("/pipeline/leads", lead_of_size(limit)).status == 201);
    auto over = h.post("/pipeline/leads", lead_of_size(limit + 1));
    CHECK(over.status == 413);
    CHECK(over.json["statusCode"].GetInt() == 413);
    auto three_mb = h.post("/pipeline/leads", std::string(3 * 1000 * 1000, 'x'));  // one line, no newline
    CHECK(three_mb.status == 413);
    CHECK(three_mb.body == over.body);
    CHECK(h.get("/pipeline/leads").count() == 1);  // same client, same keep-alive connection

    // Chunked: httplib itself would hold the whole body; the sandbox stops keeping it at the limit.
    httplib::Client c(sb.base_url());
    const std::string chunk(64 * 1024, 'y');
    auto chunked = c.Post(
        "/pipeline/leads", {{"Ocp-Apim-Subscription-Key", sb.api_key()}},
        [&, sent = size_t{0}](size_t, httplib::DataSink& sink) mutable {
            if (sent < 3 * 1000 * 1000) {
                sink.write(chunk.data(), chunk.size());
                sent += chunk.size();
            } else {
                sink.done();
            }
            return true;
        },
        "application/json");
    REQUIRE(chunked);
    CHECK(chunked->status == 413);
    CHECK(chunked->body == over.body);
    check_alive(sb);
}

TEST_CASE("hostile: a JSON body sent as a form (curl -d) is read as JSON, also over 8 KiB") {
    SandboxProcess sb;
    httplib::Client c(sb.base_url());
    auto r = c.Post("/pipeline/leads", {{"Ocp-Apim-Subscription-Key", sb.api_key()}}, lead_of_size(20000),
                    "application/x-www-form-urlencoded");
    REQUIRE(r);
    CHECK(r->status == 201);
    // Nor are the fields of a form-encoded body taken for query parameters (a key, say).
    auto sneaky = c.Post("/pipeline/leads", "subscription-key=" + sb.api_key(), "application/x-www-form-urlencoded");
    REQUIRE(sneaky);
    CHECK(sneaky->status == 401);
}

TEST_CASE("hostile: NUL bytes, control characters and invalid UTF-8 in bodies: 400, never a 5xx") {
    SandboxProcess sb;
    Http h(sb);
    using namespace std::string_literals;
    for (const std::string& body : {"{\"title\":\"a\0b\"}"s, "{\"title\":\"a\"}\0{\"x\":1}"s, "\0"s,
                                    "{\"title\":\"\xff\xfe\"}"s, "{\"title\":\"\xc3\x28\"}"s,
                                    "{\"title\":\"\xed\xa0\x80\"}"s,  // a UTF-16 surrogate, as UTF-8
                                    "{\"title\":\"tab\there\"}"s, "{\"title\":\"\x01\"}"s,
                                    "{\"title\":\"x\",\"\xff\":1}"s}) {
        INFO(sbt::dump(rapidjson::Value(body.data(), static_cast<rapidjson::SizeType>(body.size()))));
        auto r = h.post("/pipeline/leads", body);
        CHECK(r.status == 400);
        CHECK(r.json.IsObject());
    }
    CHECK(h.get("/pipeline/leads").count() == 0);
    // Escaped, the same characters are plain data.
    auto ok = h.post("/pipeline/leads", R"({"title":"a\u0000b\u0001\u00ff\ud83d\ude00"})");
    REQUIRE(ok.status == 201);
    auto back = h.get("/pipeline/leads/" + ok.id());
    const auto& title = back.item()["title"];
    CHECK(std::string(title.GetString(), title.GetStringLength()) == "a\0b\x01\xc3\xbf\xf0\x9f\x98\x80"s);
    check_alive(sb);
}

TEST_CASE("hostile: NUL bytes, control characters and invalid UTF-8 in query strings and paths: no 5xx") {
    SandboxProcess sb;
    Http h(sb);
    h.post("/directory/contacts", R"({"name":"Ann","email":"ann@x.com"})");
    for (const char* target : {"/directory/contacts?name=%00", "/directory/contacts?name=%FF%FE",
                               "/directory/contacts?name=%C3%28", "/directory/contacts?email=%01%02",
                               "/directory/contacts?searchValue=%00%FF", "/directory/contacts?tags=%00,%FF",
                               "/directory/contacts?ids=%00", "/directory/contacts?orderBy=%00",
                               "/directory/contacts?sort=%FF", "/directory/contacts?%00=%00",
                               "/directory/contacts?name", "/directory/contacts?=&&=", "/directory/contacts/%00",
                               "/directory/contacts/%FF%FE", "/directory/%00/contacts",
                               "/cases/cases?createdAfterDate=%00", "/cases/cases?offset=%FF"}) {
        INFO(target);
        auto r = h.get(target);
        CHECK(r.status >= 200);
        CHECK(r.status < 500);
    }
    check_alive(sb);
}

TEST_CASE("hostile: a huge request line or header is refused with a JSON 4xx, and serving goes on") {
    SandboxProcess sb;
    Http h(sb);
    auto long_uri = h.get("/pipeline/leads?title=" + std::string(100000, 'a'));
    CHECK(long_uri.status == 414);
    CHECK(long_uri.json["statusCode"].GetInt() == 414);
    httplib::Client c(sb.base_url());
    auto long_header = c.Get("/pipeline/leads", {{"Ocp-Apim-Subscription-Key", sb.api_key()},
                                                 {"X-Padding", std::string(1000000, 'b')}});
    REQUIRE(long_header);
    CHECK(long_header->status == 400);
    CHECK(long_header->body == R"({"statusCode":400,"message":"bad request"})");
    check_alive(sb);
}
