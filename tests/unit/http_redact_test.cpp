#include "http/client.h"

#include <catch2/catch.hpp>

using namespace crm::http;

TEST_CASE("redact_key shows at most the last four characters", "[http][redact]") {
    CHECK(redact_key("0123456789abcdef") == "****cdef");
    CHECK(redact_key("0123456789ab") == "****89ab");
    CHECK(redact_key("0123456789a") == "****");  // too short to show any of it
    CHECK(redact_key("abc") == "****");
    CHECK(redact_key("") == "****");
}

TEST_CASE("redact replaces every occurrence of the key", "[http][redact]") {
    const std::string key = "s3cr3t-key-0123456789";
    CHECK(redact("Ocp-Apim-Subscription-Key: " + key, key) == "Ocp-Apim-Subscription-Key: ****6789");
    CHECK(redact("GET /x?subscription-key=" + key + "&k=" + key + key, key) ==
          "GET /x?subscription-key=****6789&k=****6789****6789");
    CHECK(redact("nothing here", key) == "nothing here");
    CHECK(redact("", key).empty());
    CHECK(redact("an empty key redacts nothing", "") == "an empty key redacts nothing");
}

TEST_CASE("body_excerpt: --debug's first 4 KB of a body, never half a character", "[http]") {
    CHECK(body_excerpt("short") == "short");
    const std::string big(5000, 'a');
    CHECK(body_excerpt(big) == big.substr(0, 4096));
    CHECK(body_excerpt("abcdef", 6) == "abcdef");
    CHECK(body_excerpt("abcdef", 4) == "abcd");
    CHECK(body_excerpt("ab\u00e9cd", 3) == "ab");        // é is two bytes: not cut in half
    CHECK(body_excerpt("ab\u6771\u4eac", 4) == "ab");    // 東 is three
    CHECK(body_excerpt("ab\u6771\u4eac", 5) == "ab\u6771");
}
