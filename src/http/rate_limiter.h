// --rate: at most N request starts per second, spaced evenly (no bursts), shared by every
// transfer of one client so that send() and send_many() together respect the limit.
#pragma once
#include <chrono>

namespace crm::http {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(double per_second);  // <= 0: unlimited

    // The earliest time the next request may start.
    Clock::time_point ready_at() const { return next_; }
    // Records a request starting at `now` (at or after ready_at()).
    void take(Clock::time_point now);

private:
    Clock::duration interval_{};
    Clock::time_point next_{};
};

}  // namespace crm::http
