#include "http/rate_limiter.h"
#include "http/request.h"

#include <catch2/catch.hpp>

using namespace crm::http;

TEST_CASE("Response::header is case-insensitive and takes the last one", "[http]") {
    Response r;
    r.headers = {{"Content-Type", "text/plain"}, {"retry-after", "1"}, {"X-Id", "a"}, {"x-id", "b"}};
    CHECK(r.header("content-type") == "text/plain");
    CHECK(r.header("RETRY-AFTER") == "1");
    CHECK(r.header("X-ID") == "b");
    CHECK_FALSE(r.header("Location"));
    CHECK_FALSE(r.header("X-I"));
}

TEST_CASE("failure_name names every failure", "[http]") {
    CHECK(failure_name(Failure::none) == "none");
    CHECK(failure_name(Failure::connect) == "connect");
    CHECK(failure_name(Failure::timeout) == "timeout");
    CHECK(failure_name(Failure::dropped) == "dropped");
    CHECK(failure_name(Failure::tls) == "tls");
    CHECK(failure_name(Failure::too_large) == "too_large");
    CHECK(failure_name(Failure::aborted) == "aborted");
    CHECK(failure_name(Failure::other) == "other");
}

TEST_CASE("RateLimiter spaces request starts evenly", "[http]") {
    using namespace std::chrono;
    const auto t0 = RateLimiter::Clock::now();
    RateLimiter limiter(4);  // one every 250 ms
    CHECK(limiter.ready_at() <= t0);
    limiter.take(t0);
    CHECK(limiter.ready_at() == t0 + milliseconds(250));
    limiter.take(limiter.ready_at());
    CHECK(limiter.ready_at() == t0 + milliseconds(500));
    // An idle second earns no burst: the next slot is one interval after the late start.
    limiter.take(t0 + seconds(2));
    CHECK(limiter.ready_at() == t0 + seconds(2) + milliseconds(250));

    RateLimiter unlimited(0);
    unlimited.take(t0);
    CHECK(unlimited.ready_at() == t0);
}
