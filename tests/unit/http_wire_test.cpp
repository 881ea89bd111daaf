// prepare(), as_text() and as_curl(): what crm puts on the wire, as exact strings. Escapes are
// written as libcurl's URL API writes them (lower-case hex).
#include "curl_support.h"
#include "http/wire.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace crm::http;

namespace {

constexpr const char* kKey = "0123456789abcdef";

ClientConfig config(AuthMode auth = AuthMode::header, std::string key = kKey) {
    ClientConfig c;
    c.base_url = "http://127.0.0.1:8080/";
    c.api_key = std::move(key);
    c.auth = auth;
    c.user_agent = "crm/0.1.0";
    return c;
}

Request request(std::string method, std::string path, Query query = {}, std::optional<std::string> body = {}) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.query = std::move(query);
    r.body = std::move(body);
    return r;
}

// The header lines every request carries, before the key.
const std::string kCommon = "Accept: application/json\nUser-Agent: crm/0.1.0\nExpect:\n";
const std::string kCurlCommon = " -H 'Accept: application/json' -H 'User-Agent: crm/0.1.0' -H 'Expect:'";
const std::string kCurlKey = " -H \"Ocp-Apim-Subscription-Key: $CRM_API_KEY\"";

}  // namespace

TEST_CASE("prepare: a GET whose query needs encoding, the key in a header", "[http][wire]") {
    const Request r = request("GET", "/pipeline/leads",
                              {{"title", "Big deal & co"}, {"tags", "a,b"}, {"x~y", "é/?#=%"}, {"q", "1+1=2"}, {"page", "2"}});
    const Wire wire = prepare(config(), r);
    const std::string query = "title=Big%20deal%20%26%20co&tags=a%2cb&x~y=%c3%a9%2f%3f%23%3d%25&q=1%2b1%3d2&page=2";
    CHECK(wire.url == "http://127.0.0.1:8080/pipeline/leads?" + query);
    CHECK_FALSE(wire.body);
    CHECK_FALSE(wire.custom_method);
    CHECK_FALSE(wire.fresh_connect);
    CHECK(wire.key == kKey);
    CHECK(wire.key_in_url.empty());
    CHECK(as_text(wire) == "GET /pipeline/leads?" + query + "\n" + kCommon + "Content-Type:\nOcp-Apim-Subscription-Key: $CRM_API_KEY\n");
    CHECK(as_curl(wire) == "curl 'http://127.0.0.1:8080/pipeline/leads?" + query + "'" + kCurlCommon + " -H 'Content-Type:'" + kCurlKey);
}

TEST_CASE("prepare: every query name and value comes back unchanged", "[http][wire]") {
    std::string every_byte;
    for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
    const Request r = request("GET", "/x", {{"a&b=c", every_byte}, {"plus", "+ +"}, {"empty", ""}});
    const std::string url = prepare(config(), r).url;
    const std::string query = url.substr(url.find('?') + 1);
    Query back;
    for (size_t from = 0; from <= query.size();) {
        const size_t amp = std::min(query.find('&', from), query.size());
        const std::string pair = query.substr(from, amp - from);
        const size_t eq = pair.find('=');
        REQUIRE(eq != std::string::npos);
        back.emplace_back(percent_decode(pair.substr(0, eq), true), percent_decode(pair.substr(eq + 1), true));
        from = amp + 1;
    }
    CHECK(back == r.query);
}

TEST_CASE("prepare: a POST with a body, fresh connection, never the key", "[http][wire]") {
    const Wire wire = prepare(config(), request("POST", "/pipeline/leads", {}, R"({"title":"O'Brien's $HOME `x`"})"));
    CHECK(wire.fresh_connect);
    CHECK_FALSE(wire.custom_method);
    CHECK(as_text(wire) == "POST /pipeline/leads\n" + kCommon +
                               "Content-Type: application/json\nOcp-Apim-Subscription-Key: $CRM_API_KEY\n\n"
                               R"({"title":"O'Brien's $HOME `x`"})");
    CHECK(as_curl(wire) == "curl 'http://127.0.0.1:8080/pipeline/leads'" + kCurlCommon +
                               " -H 'Content-Type: application/json'" + kCurlKey +
                               " --data-binary '{\"title\":\"O'\\''Brien'\\''s $HOME `x`\"}'");
}

TEST_CASE("prepare: a bodiless POST sends an empty body and no Content-Type", "[http][wire]") {
    const Wire wire = prepare(config(), request("POST", "/pipeline/leads/7/convert"));
    REQUIRE(wire.body);
    CHECK(wire.body->empty());
    CHECK(as_text(wire) == "POST /pipeline/leads/7/convert\n" + kCommon + "Content-Type:\nOcp-Apim-Subscription-Key: $CRM_API_KEY\n\n");
    CHECK(as_curl(wire) == "curl 'http://127.0.0.1:8080/pipeline/leads/7/convert'" + kCurlCommon + " -H 'Content-Type:'" +
                               kCurlKey + " --data-binary ''");
}

TEST_CASE("prepare: PATCH and DELETE name their method", "[http][wire]") {
    const Wire patch = prepare(config(), request("PATCH", "/pipeline/leads/7", {}, R"({"a":1})"));
    CHECK(patch.custom_method);
    CHECK(patch.fresh_connect);
    CHECK(as_text(patch) == "PATCH /pipeline/leads/7\n" + kCommon +
                                "Content-Type: application/json\nOcp-Apim-Subscription-Key: $CRM_API_KEY\n\n{\"a\":1}");
    CHECK(as_curl(patch) == "curl -X PATCH 'http://127.0.0.1:8080/pipeline/leads/7'" + kCurlCommon +
                                " -H 'Content-Type: application/json'" + kCurlKey + " --data-binary '{\"a\":1}'");

    Request idempotent = request("PATCH", "/pipeline/leads/7", {}, "{}");
    idempotent.idempotent = true;
    CHECK_FALSE(prepare(config(), idempotent).fresh_connect);

    const Wire del = prepare(config(), request("DELETE", "/pipeline/leads/7"));
    CHECK(del.custom_method);
    CHECK_FALSE(del.fresh_connect);
    CHECK_FALSE(del.body);
    CHECK(as_curl(del) == "curl -X DELETE 'http://127.0.0.1:8080/pipeline/leads/7'" + kCurlCommon + " -H 'Content-Type:'" + kCurlKey);
}

TEST_CASE("prepare: query auth puts the key last in the URL, and as_curl leaves it to the shell", "[http][wire]") {
    const Wire bare = prepare(config(AuthMode::query), request("GET", "/pipeline/leads"));
    CHECK(bare.url == std::string("http://127.0.0.1:8080/pipeline/leads?subscription-key=") + kKey);
    CHECK(bare.key_in_url == kKey);
    CHECK(as_text(bare) == "GET /pipeline/leads?subscription-key=$CRM_API_KEY\n" + kCommon + "Content-Type:\n");
    CHECK(as_curl(bare) == "curl 'http://127.0.0.1:8080/pipeline/leads?subscription-key='\"$CRM_API_KEY\"" + kCurlCommon +
                               " -H 'Content-Type:'");

    const Wire query = prepare(config(AuthMode::query, "a+b/c=="), request("GET", "/pipeline/leads", {{"title", "it's"}}));
    CHECK(query.url == "http://127.0.0.1:8080/pipeline/leads?title=it%27s&subscription-key=a%2bb%2fc%3d%3d");
    CHECK(query.key_in_url == "a%2bb%2fc%3d%3d");
    CHECK(as_curl(query).starts_with("curl 'http://127.0.0.1:8080/pipeline/leads?title=it%27s&subscription-key='\"$CRM_API_KEY\" "));
}

TEST_CASE("as_curl and as_text never hold the key, and a dry run's empty key keeps its place", "[http][wire]") {
    const Request r = request("DELETE", "/pipeline/leads/7");
    for (AuthMode mode : {AuthMode::header, AuthMode::query}) {
        const Wire wire = prepare(config(mode), r);
        CHECK(as_curl(wire).find(kKey) == std::string::npos);
        CHECK(as_text(wire).find(kKey) == std::string::npos);
        CHECK(as_curl(wire).find("$CRM_API_KEY") != std::string::npos);
    }
    const Wire header = prepare(config(AuthMode::header, ""), r);
    CHECK(header.headers.back() == std::pair<std::string, std::string>("Ocp-Apim-Subscription-Key", ""));
    CHECK(as_curl(header) == "curl -X DELETE 'http://127.0.0.1:8080/pipeline/leads/7'" + kCurlCommon + " -H 'Content-Type:'" + kCurlKey);
    const Wire query = prepare(config(AuthMode::query, ""), r);
    CHECK(query.url == "http://127.0.0.1:8080/pipeline/leads/7?subscription-key=");
    CHECK(as_curl(query) == "curl -X DELETE 'http://127.0.0.1:8080/pipeline/leads/7?subscription-key='\"$CRM_API_KEY\"" +
                                kCurlCommon + " -H 'Content-Type:'");
}

TEST_CASE("prepare: the path is encoded where it cannot hold a byte, and joined to the base's path", "[http][wire]") {
    CHECK(prepare(config(), request("GET", "/pipeline/leads/a b?#/x:@'%41")).url ==
          "http://127.0.0.1:8080/pipeline/leads/a%20b%3f%23/x:@'%41");
    ClientConfig based = config();
    based.base_url = "https://api.example.com/crm/v1/";
    CHECK(prepare(based, request("GET", "/pipeline/leads")).url == "https://api.example.com/crm/v1/pipeline/leads");
    based.base_url = "https://api.example.com/crm/v1";
    const Wire wire = prepare(based, request("GET", "/pipeline/leads", {{"page", "1"}}));
    CHECK(wire.url == "https://api.example.com/crm/v1/pipeline/leads?page=1");
    CHECK(as_text(wire).starts_with("GET /crm/v1/pipeline/leads?page=1\n"));
}

TEST_CASE("prepare: a base URL libcurl cannot parse is refused", "[http][wire]") {
    for (const char* base : {"http://", "not a url", "http://host:99999"}) {
        ClientConfig c = config();
        c.base_url = base;
        INFO(base);
        CHECK_THROWS_AS(prepare(c, request("GET", "/x")), std::invalid_argument);
    }
}

TEST_CASE("prepare: a user agent, or none, is in the list either way", "[http][wire]") {
    ClientConfig c = config();
    c.user_agent.clear();
    const Wire wire = prepare(c, request("GET", "/x"));
    CHECK(wire.headers.at(1) == std::pair<std::string, std::string>("User-Agent", ""));
    // "User-Agent:" stops curl from sending its own, so the command sends none either.
    CHECK(as_curl(wire).find(" -H 'User-Agent:' ") != std::string::npos);
}

TEST_CASE("as_curl: HEAD, odd methods, bracketed hosts and bodies that begin with @", "[http][wire]") {
    CHECK(as_curl(prepare(config(), request("HEAD", "/x"))).starts_with("curl -I 'http://127.0.0.1:8080/x'"));
    CHECK(as_curl(prepare(config(), request("M'X", "/x"))).starts_with("curl -X 'M'\\''X' "));
    ClientConfig v6 = config();
    v6.base_url = "http://[::1]:8080";
    CHECK(as_curl(prepare(v6, request("GET", "/x"))).starts_with("curl 'http://[::1]:8080/x' -g "));
    CHECK(as_curl(prepare(config(), request("POST", "/x", {}, "@/etc/passwd"))).ends_with(" --data-raw '@/etc/passwd'"));
}

TEST_CASE("as_curl and as_text agree on method, URL, headers and body", "[http][wire]") {
    const std::vector<Request> requests = {
        request("GET", "/pipeline/leads", {{"title", "Big deal & co"}, {"q", "1+1=2 it's"}}),
        request("POST", "/pipeline/leads", {}, R"({"title":"O'Brien's $HOME `x`\n"})"),
        request("POST", "/pipeline/leads/7/convert"),
        request("PATCH", "/pipeline/leads/7", {{"x", "y"}}, R"({"a":"'"})"),
        request("DELETE", "/pipeline/leads/a b"),
        request("PUT", "/tags/x", {}, "[]"),
        request("HEAD", "/pipeline/leads"),
    };
    for (AuthMode mode : {AuthMode::header, AuthMode::query}) {
        for (const char* key : {kKey, ""}) {
            for (const Request& r : requests) {
                const Wire wire = prepare(config(mode, key), r);
                const std::string command = as_curl(wire);
                INFO(command);
                const Wire parsed = crmtest::from_curl(command);
                CHECK(parsed.method == wire.method);
                CHECK(parsed.headers.size() == wire.headers.size());
                CHECK(as_text(parsed) == as_text(wire));
            }
        }
    }
}

TEST_CASE("percent_decode: libcurl's unescape, '+' as a space only when asked", "[http][wire]") {
    CHECK(percent_decode("a%20b+c%2B%2b%zz%4") == "a b+c++%zz%4");
    CHECK(percent_decode("a%20b+c%2B", true) == "a b c+");
    CHECK(percent_decode("") == "");
    CHECK(percent_decode("%00x") == std::string("\0x", 2));
    std::string every_byte;
    for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
    CHECK(percent_decode(percent_encode(every_byte)) == every_byte);
    CHECK(percent_decode(percent_encode(every_byte), true) == every_byte);
}
