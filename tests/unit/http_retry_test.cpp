// The retry policy of CLI.md §8 as pure decisions: which results are retried, for which
// methods, how long to wait.
#include "http/retry.h"

#include <catch2/catch.hpp>

using namespace crm::http;
using namespace std::chrono;

namespace {

Request req(std::string method) {
    Request r;
    r.method = std::move(method);
    r.path = "/pipeline/leads";
    return r;
}

Result status(long code) {
    Result r;
    r.response.status = code;
    r.request_sent = true;
    return r;
}

Result failed(Failure failure, bool sent) {
    Result r;
    r.failure = failure;
    r.request_sent = sent;
    return r;
}

}  // namespace

TEST_CASE("idempotent methods, and the override", "[http][retry]") {
    for (const char* m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) CHECK(is_idempotent(req(m)));
    for (const char* m : {"POST", "PATCH"}) CHECK_FALSE(is_idempotent(req(m)));
    Request bulk = req("POST");
    bulk.idempotent = true;
    CHECK(is_idempotent(bulk));
    Request get = req("GET");
    get.idempotent = false;
    CHECK_FALSE(is_idempotent(get));
}

TEST_CASE("retryable statuses are retried for idempotent requests only, 429 for any", "[http][retry]") {
    for (long code : {408L, 500L, 502L, 503L, 504L}) {
        INFO(code);
        CHECK(should_retry(req("GET"), status(code)));
        CHECK(should_retry(req("DELETE"), status(code)));
        CHECK_FALSE(should_retry(req("POST"), status(code)));
        CHECK_FALSE(should_retry(req("PATCH"), status(code)));
    }
    CHECK(should_retry(req("GET"), status(429)));
    CHECK(should_retry(req("POST"), status(429)));
    CHECK(should_retry(req("PATCH"), status(429)));
}

TEST_CASE("final statuses are never retried", "[http][retry]") {
    for (long code : {200L, 201L, 204L, 301L, 304L, 400L, 401L, 403L, 404L, 409L, 422L, 501L, 505L}) {
        INFO(code);
        CHECK_FALSE(should_retry(req("GET"), status(code)));
        CHECK_FALSE(should_retry(req("POST"), status(code)));
    }
}

TEST_CASE("connection failures: any method when nothing was sent, idempotent ones otherwise", "[http][retry]") {
    for (Failure f : {Failure::connect, Failure::timeout, Failure::dropped}) {
        INFO(failure_name(f));
        CHECK(should_retry(req("POST"), failed(f, false)));
        CHECK(should_retry(req("GET"), failed(f, false)));
        CHECK(should_retry(req("GET"), failed(f, true)));
        CHECK_FALSE(should_retry(req("POST"), failed(f, true)));
        Request bulk = req("POST");
        bulk.idempotent = true;
        CHECK(should_retry(bulk, failed(f, true)));
    }
}

TEST_CASE("other failures are final", "[http][retry]") {
    for (Failure f : {Failure::tls, Failure::too_large, Failure::aborted, Failure::other}) {
        INFO(failure_name(f));
        CHECK_FALSE(should_retry(req("GET"), failed(f, false)));
        CHECK_FALSE(should_retry(req("GET"), failed(f, true)));
    }
}

TEST_CASE("backoff stays within the full-jitter window", "[http][retry]") {
    std::mt19937_64 rng(42);
    for (int attempt = 0; attempt < 40; ++attempt) {
        const auto ceiling = std::min<int64_t>(8000, attempt >= 6 ? 8000 : int64_t{250} << attempt);
        milliseconds highest{0};
        for (int i = 0; i < 200; ++i) {
            const auto d = backoff(attempt, rng);
            REQUIRE(d >= milliseconds(0));
            REQUIRE(d <= milliseconds(ceiling));
            highest = std::max(highest, d);
        }
        // Jitter really spreads: 200 draws reach the upper half of the window.
        CHECK(highest.count() >= ceiling / 2);
    }
    CHECK(backoff(3, rng, milliseconds(10), milliseconds(50)) <= milliseconds(50));
    CHECK(backoff(0, rng, milliseconds(0), milliseconds(50)) == milliseconds(0));
}
