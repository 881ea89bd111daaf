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
