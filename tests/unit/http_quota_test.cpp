// The quota pacer (http/quota.h) against a simulated fixed-window server: how many requests it
// lets start in a window, when the next window opens, and what a 429 teaches it. Time is passed
// in: these are decisions, not timings.
#include "http/quota.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace crm::http;
using namespace std::chrono;
using Clock = QuotaPacer::Clock;

namespace {

const Clock::time_point t0 = Clock::time_point{} + hours(1);

// Starts `n` requests at `at` and answers them accepted; returns the windows they counted in.
std::vector<uint64_t> accept(QuotaPacer& pacer, int n, Clock::time_point at) {
    std::vector<uint64_t> windows;
    for (int i = 0; i < n; ++i) {
        REQUIRE(pacer.ready_at() <= at);
        windows.push_back(pacer.started(at));
    }
    for (uint64_t window : windows) pacer.accepted(window);
    return windows;
}

// The first window at t0: `budget` accepted, then a 429 asking for 1 s. Returns the second
// window's start.
Clock::time_point tentative(QuotaPacer& pacer, int budget) {
    accept(pacer, budget, t0);
    pacer.refused(pacer.started(t0), t0, seconds(1));
    return t0 + seconds(1);
}

}  // namespace

TEST_CASE("quota: nothing is paced before a 429", "[http][quota]") {
    QuotaPacer pacer;
    accept(pacer, 1000, t0);
    CHECK(pacer.ready_at() == Clock::time_point::min());
    CHECK(pacer.budget() == 0);
}

TEST_CASE("quota: the first 429 gives a tentative budget, a clean window's 429 confirms it", "[http][quota]") {
    QuotaPacer pacer;
    // Window 1: 20 accepted, then 4 in flight refused; Retry-After 2 s.
    const auto first = accept(pacer, 20, t0);
    std::vector<uint64_t> refused;
    for (int i = 0; i < 4; ++i) refused.push_back(pacer.started(t0 + milliseconds(50)));
    for (uint64_t window : refused) pacer.refused(window, t0 + milliseconds(60), seconds(2));
    CHECK(pacer.budget() == 20);
    CHECK_FALSE(pacer.confirmed());  // the window may have been opened by another run
    CHECK(pacer.ready_at() == t0 + milliseconds(2060));

    // Window 2, opened by the client after the wait: the budget at full speed, then one probe.
    const Clock::time_point w2 = t0 + milliseconds(2060);
    const auto second = accept(pacer, 20, w2);
    CHECK(second.front() != first.front());
    const uint64_t probe = pacer.started(w2 + milliseconds(10));
    CHECK(pacer.ready_at() == Clock::time_point::max());  // the probe's answer decides
    pacer.refused(probe, w2 + milliseconds(20), seconds(2));
    CHECK(pacer.confirmed());
    CHECK(pacer.budget() == 20);
    CHECK(pacer.window_length() == milliseconds(2020));

    // From then on: 20 a window, the next at the end of the last (plus 2% of slack).
    const Clock::time_point w3 = w2 + milliseconds(2020);
    accept(pacer, 20, w3);
    const Clock::time_point next = pacer.ready_at();
    CHECK(next > w3 + milliseconds(2020));
    CHECK(next < w3 + milliseconds(2100));
    accept(pacer, 20, next);
    CHECK(pacer.ready_at() > next + milliseconds(2020));
}

TEST_CASE("quota: a probe that is accepted raises the budget", "[http][quota]") {
    QuotaPacer pacer;
    // The first window was shared with another run: only 5 were left for this one.
    accept(pacer, 5, t0);
    pacer.refused(pacer.started(t0), t0 + milliseconds(10), seconds(1));
    CHECK(pacer.budget() == 5);
    const Clock::time_point w2 = t0 + milliseconds(1010);
    accept(pacer, 5, w2);
    for (int probe = 0; probe < 3; ++probe) {
        CHECK(pacer.ready_at() <= w2);
        const uint64_t window = pacer.started(w2);
        CHECK(pacer.ready_at() == Clock::time_point::max());
        pacer.accepted(window);
    }
    pacer.refused(pacer.started(w2), w2 + milliseconds(5), seconds(1));
    CHECK(pacer.confirmed());
    CHECK(pacer.budget() == 8);
}

TEST_CASE("quota: an answer that overtook its window's 429 still counts", "[http][quota]") {
    QuotaPacer pacer;
    std::vector<uint64_t> windows;
    for (int i = 0; i < 10; ++i) windows.push_back(pacer.started(t0));
    for (int i = 0; i < 9; ++i) pacer.accepted(windows[static_cast<size_t>(i)]);
    pacer.refused(pacer.started(t0), t0 + milliseconds(5), seconds(1));
    pacer.accepted(windows.back());
    CHECK(pacer.budget() == 10);
}

TEST_CASE("quota: a 429 with nothing accepted in a paced window makes the window longer", "[http][quota]") {
    QuotaPacer pacer;
    const Clock::time_point w2 = tentative(pacer, 3);
    accept(pacer, 3, w2);
    pacer.refused(pacer.started(w2), w2, seconds(1));
    REQUIRE(pacer.confirmed());
    CHECK(pacer.window_length() == seconds(1));
    // The server's window turns out to last 1.5 s: the first request of the next one is refused.
    const Clock::time_point w3 = w2 + seconds(1);
    accept(pacer, 3, w3);
    const Clock::time_point early = pacer.ready_at();
    pacer.refused(pacer.started(early), early, milliseconds(480));
    CHECK(pacer.budget() == 3);
    CHECK(pacer.window_length() == early + milliseconds(480) - w3);
    CHECK(pacer.ready_at() == early + milliseconds(480));
}

TEST_CASE("quota: answers without a 429 teach nothing, lost ones only end the probe", "[http][quota]") {
    QuotaPacer pacer;
    const Clock::time_point w2 = tentative(pacer, 2);
    accept(pacer, 2, w2);
    const uint64_t probe = pacer.started(w2);
    CHECK(pacer.ready_at() == Clock::time_point::max());
    pacer.lost(probe);  // a transport failure: no answer either way
    CHECK(pacer.ready_at() == Clock::time_point::min());
    CHECK(pacer.budget() == 2);
    CHECK_FALSE(pacer.confirmed());
}
