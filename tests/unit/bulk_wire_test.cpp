#include "api/resources.h"
#include "bulk/wire.h"
#include "errors.h"

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

TEST_CASE("bulk answers: 2xx with an empty body or the API's JSON is accepted, with the ids not found", "[bulk]") {
    auto a = bulk::answer_of(answered(200, R"({"item":{"deleted":["1"],"notFound":["2",3]}})", 3));
    CHECK(a.kind == Answer::Kind::accepted);
    CHECK(a.not_found == std::vector<std::string>{"2", "3"});
    CHECK(a.retries == 2);
    CHECK(bulk::answer_of(answered(204, "")).kind == Answer::Kind::accepted);
    CHECK(bulk::answer_of(answered(200, " \r\n")).kind == Answer::Kind::accepted);
    CHECK(bulk::answer_of(answered(200, R"({"statusCode":200,"error":null})")).kind == Answer::Kind::accepted);
}

TEST_CASE("bulk answers: a 2xx that is not the API's is unknown and stops the run", "[bulk]") {
    auto html = answered(200, "<html><body>Please log in to the guest Wi-Fi</body></html>");
    html.response.headers = {{"Content-Type", "text/html"}};
    auto a = bulk::answer_of(html);
    CHECK(a.kind == Answer::Kind::unknown);
    CHECK(a.stop);
    CHECK(a.exit == kExitUnexpected);
    CHECK_THAT(a.why, Catch::Contains("not JSON (text/html"));
    auto error = bulk::answer_of(answered(200, R"({"error":{"message":"quota"}})"));
    CHECK(error.kind == Answer::Kind::unknown);
    CHECK(error.stop);
    CHECK_THAT(error.why, Catch::Contains("quota"));
    auto gateway = bulk::answer_of(answered(200, R"({"statusCode":401,"message":"Access denied"})"));
    CHECK(gateway.kind == Answer::Kind::unknown);
    CHECK(gateway.exit == kExitAuth);
    CHECK(bulk::answer_of(answered(200, "deleted")).kind == Answer::Kind::unknown);
}

TEST_CASE("bulk answers: content 4xx is rejected (split), others fail with their exit class", "[bulk]") {
    auto a = bulk::answer_of(answered(400, R"({"message":"ids must be strings"})"));
    CHECK(a.kind == Answer::Kind::rejected);
    CHECK(a.why == "HTTP 400: ids must be strings");
    CHECK(a.exit == kExitRejected);
    CHECK(bulk::answer_of(answered(422, "{}")).kind == Answer::Kind::rejected);
    const std::pair<long, int> cases[] = {{401, kExitAuth},       {403, kExitAuth},   {404, kExitNotFound},
                                          {429, kExitRateLimited}, {500, kExitServer}, {503, kExitServer}};
    for (auto [status, exit] : cases) {
        INFO(status);
        auto answer = bulk::answer_of(answered(status, "{}"));
        CHECK(answer.kind == Answer::Kind::failed);
        CHECK(answer.exit == exit);
        CHECK(answer.stop == (exit == kExitAuth));
    }
}

TEST_CASE("bulk answers: transport failures are unknown once the request may have arrived", "[bulk]") {
    CHECK(bulk::answer_of(transport(http::Failure::dropped, true)).kind == Answer::Kind::unknown);
    CHECK(bulk::answer_of(transport(http::Failure::timeout, true)).kind == Answer::Kind::unknown);
    CHECK(bulk::answer_of(transport(http::Failure::connect, false)).kind == Answer::Kind::failed);
    CHECK(bulk::answer_of(transport(http::Failure::connect, false)).exit == kExitNetwork);
    CHECK(bulk::answer_of(transport(http::Failure::aborted, false, 0)).kind == Answer::Kind::failed);
    // Aborted while waiting to retry: an earlier attempt may have been carried out.
    CHECK(bulk::answer_of(transport(http::Failure::aborted, false, 2)).kind == Answer::Kind::unknown);
}
