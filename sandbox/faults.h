// Fault injection for client tests: latency, failures (503, not carried out), dropped
// connections (carried out, no answer), a rate limit and a per-key quota (429 + Retry-After).
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

namespace sandbox {

struct FaultOptions {
    int latency_ms = 0;
    double fail_rate = 0;  // 0..1
    double drop_rate = 0;  // 0..1
    double rate_limit = 0; // requests per second, 0 = none
    // --quota N/SECONDS: at most quota_requests per key in each window of quota_seconds.
    int64_t quota_requests = 0;  // 0 = none
    int64_t quota_seconds = 0;
};

class Faults {
public:
    explicit Faults(FaultOptions o, uint64_t seed = std::random_device{}());

    void delay() const;  // sleeps latency_ms
    bool should_fail();
    bool should_drop();
    // 0 when the request may proceed; otherwise the seconds to put in Retry-After.
    int rate_limited();

    const FaultOptions& options() const { return o_; }

private:
    bool roll(double p);

    FaultOptions o_;
    std::mutex mu_;
    std::mt19937_64 rng_;
    // Fixed one-second windows: at most rate_limit requests in each.
    std::chrono::steady_clock::time_point window_start_;
    int64_t in_window_ = 0;
};

// The vendor's kind of throttling (its Ticketing API documents 100 calls per 60 seconds):
// fixed windows counted per key. A key's window opens at its first request, and the next one
// at its first request after that window has ended; requests refused are not counted.
class Quota {
public:
    using Clock = std::chrono::steady_clock;
    Quota(int64_t requests, int64_t seconds) : requests_(requests), window_(std::chrono::seconds(seconds)) {}

    // 0 when the request may proceed (it is counted); otherwise the whole seconds until the
    // key's window ends, at least 1 (for Retry-After).
    int64_t take(const std::string& key, Clock::time_point now = Clock::now());

private:
    struct Window {
        Clock::time_point start;
        int64_t used = 0;
    };
    const int64_t requests_;  // 0: no quota
    const Clock::duration window_;
    std::mutex mu_;
    std::map<std::string, Window> windows_;  // by key (only valid keys reach it: two at most)
};

}  // namespace sandbox
