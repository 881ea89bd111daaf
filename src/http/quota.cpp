#include "http/quota.h"

#include <algorithm>

namespace crm::http {

namespace {

// The estimated end of a window is an upper bound up to the network: the server opens a window
// when the first request arrives, not when it leaves the client. This much of the window's
// length more keeps a first request that travels slower than the last one measured from
// meeting the old window still in force.
constexpr int kSlackDivisor = 50;  // 2%

}  // namespace

QuotaPacer::Clock::time_point QuotaPacer::window_end() const { return start_ + length_ + length_ / kSlackDivisor; }

bool QuotaPacer::window_over(Clock::time_point now) const {
    if (window_ == 0) return true;
    if (refused_) return now >= resume_;
    return confirmed_ && now >= window_end();
}

QuotaPacer::Clock::time_point QuotaPacer::ready_at() const {
    if (refused_) return resume_;
    if (budget_ == 0 || started_ < budget_) return Clock::time_point::min();
    if (confirmed_) return window_end();
    // A tentative budget spent in a clean window: one probe at a time.
    return finished_ < started_ ? Clock::time_point::max() : Clock::time_point::min();
}

uint64_t QuotaPacer::started(Clock::time_point now) {
    if (window_over(now)) {
        clean_ = window_ != 0;
        previous_start_ = start_;
        ++window_;
        start_ = now;
        started_ = finished_ = accepted_ = 0;
        refused_ = false;
    }
    ++started_;
    return window_;
}

void QuotaPacer::accepted(uint64_t window) {
    if (window != window_) return;  // an answer from a window that is over teaches nothing
    ++finished_;
    ++accepted_;
    // An answer that overtook the 429 of its window still counts in that window's budget.
    if (refused_ && budget_ > 0 && accepted_ > budget_) budget_ = accepted_;
}

void QuotaPacer::refused(uint64_t window, Clock::time_point now, Clock::duration wait) {
    if (window != window_) return;
    ++finished_;
    const Clock::time_point back = now + wait;
    if (!refused_) {
        refused_ = true;
        if (accepted_ > 0) {
            budget_ = accepted_;
            if (clean_) {
                confirmed_ = true;
                length_ = back - start_;
            }
        } else if (confirmed_) {
            // Nothing accepted: the previous window was still in force, so it lasts longer.
            length_ = back - previous_start_;
        }
    }
    resume_ = std::max(resume_, back);
}

void QuotaPacer::lost(uint64_t window) {
    if (window == window_) ++finished_;
}

}  // namespace crm::http
