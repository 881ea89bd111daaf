// url_for() and the --dry-run curl command, as exact strings.
#include "http/client.h"

#include <catch2/catch.hpp>

using namespace crm::http;

namespace {

ClientConfig config(AuthMode auth = AuthMode::header, std::string key = "0123456789abcdef") {
    ClientConfig c;
    c.base_url = "http://127.0.0.1:8080/";
    c.api_key = std::move(key);
    c.auth = auth;
    return c;
}

}  // namespace

TEST_CASE("url_for joins base, path and an encoded query, without the key", "[http][url]") {
    Request r;
    r.path = "/pipeline/leads";
    CHECK(url_for(config(), r) == "http://127.0.0.1:8080/pipeline/leads");
    r.query = {{"title", "Big deal & co"}, {"tags", "a,b"}, {"x~y", "é/?#=%"}, {"page", "2"}};
    CHECK(url_for(config(), r) ==
          "http://127.0.0.1:8080/pipeline/leads?title=Big%20deal%20%26%20co&tags=a%2Cb&x~y=%C3%A9%2F%3F%23%3D%25&page=2");
    CHECK(url_for(config(AuthMode::query), r).find("subscription-key") == std::string::npos);
}

TEST_CASE("url_for encodes what a path cannot hold, and keeps what it can", "[http][url]") {
    Request r;
    r.path = "/pipeline/leads/a b?#/x:@'%41";
    CHECK(url_for(config(), r) == "http://127.0.0.1:8080/pipeline/leads/a%20b%3F%23/x:@'%41");
}

TEST_CASE("curl_command: GET with the key in a header", "[http][curl]") {
    Request r;
    r.path = "/pipeline/leads";
    r.query = {{"page", "1"}};
    CHECK(curl_command(config(), r) ==
          "curl -X GET 'http://127.0.0.1:8080/pipeline/leads?page=1' -H \"Ocp-Apim-Subscription-Key: $CRM_API_KEY\"");
}

TEST_CASE("curl_command: POST body single-quoted, a single quote escaped", "[http][curl]") {
    Request r;
    r.method = "POST";
    r.path = "/pipeline/leads";
    r.body = R"({"title":"O'Brien's $HOME `x`"})";
    CHECK(curl_command(config(), r) ==
          "curl -X POST 'http://127.0.0.1:8080/pipeline/leads' -H \"Ocp-Apim-Subscription-Key: $CRM_API_KEY\""
          " -H 'Content-Type: application/json' --data-binary '{\"title\":\"O'\\''Brien'\\''s $HOME `x`\"}'");
}

TEST_CASE("curl_command: query auth puts $CRM_API_KEY in the URL, double-quoted", "[http][curl]") {
    Request r;
    r.path = "/pipeline/leads";
    CHECK(curl_command(config(AuthMode::query), r) ==
          "curl -X GET 'http://127.0.0.1:8080/pipeline/leads?subscription-key='\"$CRM_API_KEY\"");
    r.query = {{"title", "it's"}};
    CHECK(curl_command(config(AuthMode::query), r) ==
          "curl -X GET 'http://127.0.0.1:8080/pipeline/leads?title=it%27s&subscription-key='\"$CRM_API_KEY\"");
}

TEST_CASE("curl_command never holds the key, and always names $CRM_API_KEY", "[http][curl]") {
    Request r;
    r.method = "DELETE";
    r.path = "/pipeline/leads/7";
    for (AuthMode mode : {AuthMode::header, AuthMode::query}) {
        CHECK(curl_command(config(mode), r).find("0123456789abcdef") == std::string::npos);
    }
    CHECK(curl_command(config(AuthMode::header, ""), r) ==
          "curl -X DELETE 'http://127.0.0.1:8080/pipeline/leads/7' -H \"Ocp-Apim-Subscription-Key: $CRM_API_KEY\"");
}
