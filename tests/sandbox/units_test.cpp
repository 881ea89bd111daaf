// In-process checks of the sandbox's pure pieces: dates, redaction, options, the Api without HTTP.
#include "access_log.h"
#include "api.h"
#include "clock.h"
#include "faults.h"
#include "options.h"
#include "record.h"
#include "sqlite_store.h"

#include <catch2/catch.hpp>

using namespace sandbox;

TEST_CASE("unit: ISO 8601 parsing and formatting") {
    CHECK(format_iso(0) == "1970-01-01T00:00:00.000Z");
    CHECK(format_iso(*parse_iso("2024-02-29T23:59:59.5Z")) == "2024-02-29T23:59:59.500Z");
    CHECK(format_iso(*parse_iso("2023-01-01")) == "2023-01-01T00:00:00.000Z");
    CHECK(format_iso(*parse_iso("2023-01-01T02:00:00+02:00")) == "2023-01-01T00:00:00.000Z");
    CHECK(format_iso(*parse_iso("2023-01-01T02:00:00 02:00")) == "2023-01-01T00:00:00.000Z");
    CHECK(format_iso(*parse_iso("2022-12-31T23:00-0100")) == "2023-01-01T00:00:00.000Z");
    CHECK_FALSE(parse_iso("yesterday"));
    CHECK_FALSE(parse_iso("2023-13-01"));
    CHECK_FALSE(parse_iso("2023-01-01T25:00:00Z"));
    CHECK_FALSE(parse_iso("2023-01-01Tx"));
}

TEST_CASE("unit: access log lines redact the key") {
    CHECK(redact_target("/a?subscription-key=abc&page=2") == "/a?subscription-key=REDACTED&page=2");
    CHECK(redact_target("/a?page=2&Subscription-Key=abc") == "/a?page=2&Subscription-Key=REDACTED");
    CHECK(redact_target("/a") == "/a");
    CHECK(access_line("GET", "/x?subscription-key=k", "200", 1.25) == "GET /x?subscription-key=REDACTED 200 1.2ms");
}

TEST_CASE("unit: options") {
    auto o = parse_options({"--port", "8080", "--db=/tmp/x.db", "--fail-rate", "0.5", "--log", "--rate-limit", "10"});
    CHECK(o.port == 8080);
    CHECK(o.db == "/tmp/x.db");
    CHECK(o.faults.fail_rate == 0.5);
    CHECK(o.faults.rate_limit == 10);
    CHECK(o.log);
    CHECK(o.host == "127.0.0.1");
    CHECK_THROWS_AS(parse_options({"--port", "70000"}), std::invalid_argument);
    CHECK_THROWS_AS(parse_options({"--drop-rate", "-0.1"}), std::invalid_argument);
    CHECK_THROWS_AS(parse_options({"--latency-ms"}), std::invalid_argument);
    CHECK(parse_options({}).lists.shape == ListShape::Items);
    auto l = parse_options({"--list-shape=paged", "--max-page-size", "100"});
    CHECK(l.lists.shape == ListShape::Paged);
    CHECK(l.lists.max_page_size == 100);
    CHECK_THROWS_AS(parse_options({"--primary-key", "a", "--secondary-key", "a"}), std::invalid_argument);
}

TEST_CASE("unit: the Api answers without HTTP") {
    SqliteStore store("");
    install_defaults(store);
    Api api(store);
    auto created = api.handle({"POST", "/pipeline/leads", {}, R"({"title":"t"})"});
    CHECK(created.status == 201);
    auto listed = api.handle({"GET", "/pipeline/leads/", {{"title", "T"}}, ""});  // trailing slash
    CHECK(listed.status == 200);
    CHECK(listed.body.rfind(R"({"items":[{"id":"1",)", 0) == 0);
    CHECK(listed.body.find("total") == std::string::npos);  // the reference's shape: items only
    Api paged(store, {ListShape::Paged, 0});
    CHECK(paged.handle({"GET", "/pipeline/leads", {}, ""}).body.find(R"("page":1,"size":10,"total":1})") !=
          std::string::npos);
    CHECK(api.handle({"GET", "/pipeline/leads", {{"size", "0"}}, ""}).status == 400);
    CHECK(api.handle({"GET", "/nowhere", {}, ""}).status == 404);
}

TEST_CASE("unit: quota windows open at a key's first request and count per key") {
    using std::chrono::milliseconds;
    Quota q(2, 10);
    const auto t0 = Quota::Clock::now();
    CHECK(q.take("a", t0) == 0);
    CHECK(q.take("a", t0 + milliseconds(100)) == 0);
    CHECK(q.take("a", t0 + milliseconds(200)) == 10);  // 9.8 s left: rounded up
    CHECK(q.take("a", t0 + milliseconds(9001)) == 1);
    CHECK(q.take("a", t0 + milliseconds(9999)) == 1);  // never 0 while refused
    CHECK(q.take("b", t0 + milliseconds(5000)) == 0);  // b's window opens here
    CHECK(q.take("a", t0 + milliseconds(10000)) == 0);  // a's window has ended: a new one
    CHECK(q.take("b", t0 + milliseconds(10000)) == 0);
    CHECK(q.take("b", t0 + milliseconds(14000)) == 1);  // b's window ends at 15 s
    CHECK(Quota(0, 0).take("a", t0) == 0);  // no quota
}

TEST_CASE("unit: record lines") {
    using namespace std::string_literals;
    CHECK(query_params("/a?x=1&y&=z&&x=%41+b%2&t=%zz") ==
          NameValues{{"x", "1"}, {"y", ""}, {"", "z"}, {"x", "A b%2"}, {"t", "%zz"}});
    CHECK(query_params("/a").empty());
    CHECK(redact_key("0123456789abcdef") == "****cdef");
    CHECK(redact_key("short") == "****");
    RecordedRequest r;
    r.t = 1.5;
    r.method = "PATCH";
    r.path = "/pipeline/leads/1";
    r.target = "/pipeline/leads/1?Subscription-Key=0123456789abcdef&x=%FF";
    r.headers = {{"Accept", "a"}, {"accept", "b"}, {"Ocp-Apim-Subscription-Key", "0123456789abcdef"}};
    r.body = "{\"a\":\"\0\"}"s;
    r.status = 200;
    CHECK(record_line(r) ==
          R"({"t":1.5,"method":"PATCH","path":"/pipeline/leads/1","query":[["Subscription-Key","****cdef"],)"
          R"(["x",")" "\xef\xbf\xbd" R"("]],"headers":{"Accept":"a, b","Ocp-Apim-Subscription-Key":"****cdef"},)"
          R"("body":"{\"a\":\"\u0000\"}","status":200})");
    r.body.assign(1, '\xff');  // not = "\xff": GCC 12 sees a bogus overlap (-Wrestrict)
    r.body_omitted = true;
    r.dropped = true;
    CHECK(record_line(r).find(R"("body":"/w==","bodyEncoding":"base64","bodyOmitted":true,"status":200,"dropped":true})") !=
          std::string::npos);
}
