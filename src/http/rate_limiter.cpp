#include "http/rate_limiter.h"

#include <algorithm>

namespace crm::http {

RateLimiter::RateLimiter(double per_second) {
    if (per_second > 0) {
        interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second));
    }
}

void RateLimiter::take(Clock::time_point now) {
    // Spacing from the later of "now" and the last slot: an idle period earns no burst credit.
    next_ = std::max(next_, now) + interval_;
}

}  // namespace crm::http
