#include "api/resources.h"
#include "bulk/wire.h"

#include <catch2/catch.hpp>

using namespace crm;
using bulk::Answer;

namespace {

http::Result answered(long status, std::string body, int attempts = 1) {
    http::Result r;
    r.response.status = status;
    r.response.body = std::move(body);
    r.attempts = attempts;
    r.request_sent = true;
    return r;
}

http::Result transport(http::Failure failure, bool sent, int attempts = 1) {
    http::Result r;
    r.failure = failure;
    r.error = "boom";
    r.request_sent = sent;
    r.attempts = attempts;
    return r;
}

}  // namespace

TEST_CASE("bulk request: POST to the group's bulk path, entity word, ids as strings, idempotent", "[bulk]") {
    const auto* leads = api::find_entity("leads");
    REQUIRE(leads);
    auto request = bulk::delete_request(*leads, {"1", "a\"b"});
    CHECK(request.method == "POST");
    CHECK(request.path == "/pipeline/bulk-actions");
    CHECK(request.body == R"({"entity":"lead","action":"delete","ids":["1","a\"b"]})");
    CHECK(request.idempotent == true);
    CHECK(bulk::delete_request(*api::find_entity("orgs"), {"9"}).path == "/directory/bulk-actions");
}

TEST_CASE("bulk answers: 2xx accepted with the not-found count", "[bulk]") {
    auto a = bulk::answer_of(answered(200, R"({"item":{"deleted":["1"],"notFound":["2","3"]}})", 3));
    CHECK(a.kind == Answer::Kind::accepted);
    CHECK(a.not_found == 2);
    CHECK(a.retries == 2);
    CHECK(bulk::answer_of(answered(204, "")).kind == Answer::Kind::accepted);
}

TEST_CASE("bulk answers: content 4xx is rejected (split), others fail", "[bulk]") {
    auto a = bulk::answer_of(answered(400, R"({"message":"ids must be strings"})"));
    CHECK(a.kind == Answer::Kind::rejected);
    CHECK(a.why == "HTTP 400: ids must be strings");
    CHECK(bulk::answer_of(answered(422, "{}")).kind == Answer::Kind::rejected);
    for (long status : {401L, 403L, 404L, 429L, 500L, 503L}) {
        INFO(status);
        CHECK(bulk::answer_of(answered(status, "{}")).kind == Answer::Kind::failed);
    }
}

TEST_CASE("bulk answers: transport failures are unknown once the request may have arrived", "[bulk]") {
    CHECK(bulk::answer_of(transport(http::Failure::dropped, true)).kind == Answer::Kind::unknown);
    CHECK(bulk::answer_of(transport(http::Failure::timeout, true)).kind == Answer::Kind::unknown);
    CHECK(bulk::answer_of(transport(http::Failure::connect, false)).kind == Answer::Kind::failed);
    CHECK(bulk::answer_of(transport(http::Failure::aborted, false, 0)).kind == Answer::Kind::failed);
    // Aborted while waiting to retry: an earlier attempt may have been carried out.
    CHECK(bulk::answer_of(transport(http::Failure::aborted, false, 2)).kind == Answer::Kind::unknown);
}
