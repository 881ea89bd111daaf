// Fault injection for client tests: latency, failures (503, not carried out), dropped
// connections (carried out, no answer) and a rate limit (429 + Retry-After).
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace sandbox {

struct FaultOptions {
    int latency_ms = 0;
    double fail_rate = 0;  // 0..1
    double drop_rate = 0;  // 0..1
    double rate_limit = 0; // requests per second, 0 = none
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

}  // namespace sandbox
