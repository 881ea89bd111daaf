// The server's quota, learnt from its 429s. The vendor throttles with fixed windows per key (its
// Ticketing API documents 100 requests per 60 s) and says nothing until one is used up: then
// 429 with Retry-After, the seconds left in the window. A walk that only waits as told finds the
// limit again in every window, with a 429 for each request it has in flight; the pacer learns
// how many requests a window takes and how long it lasts, and from then on starts no more than
// that many in a window, waiting for the next one instead (issue 10: at most 10% of a large
// export's requests answered 429). Pure, with the time passed in, so it is tested without a
// server; the Client asks it before every start and tells it every answer.
//
// Learning. The first window the client sees may have been opened by another run with the same
// key, so what its 429 shows (the requests it accepted) is only a tentative budget. A window the
// client opens itself, after a known end, is "clean": the requests it accepted before its 429
// are the budget, and Retry-After gives an upper bound of its length (from the client's first
// request in it). In a clean window a tentative budget is spent at full speed, then probed one
// request at a time, so that it costs one 429 to confirm (and grows if the first window was
// shared). Once confirmed, each window gets the budget and the next opens at its estimated end.
// A 429 that comes anyway (the key shared with another client, a window longer than estimated)
// is learnt from the same way.
#pragma once
#include <chrono>
#include <cstdint>

namespace crm::http {

class QuotaPacer {
public:
    using Clock = std::chrono::steady_clock;

    // The earliest the next request may start: Clock::time_point::min() when nothing limits it,
    // the end of the window when its budget is spent, Clock::time_point::max() while a probe is
    // out (its answer decides).
    Clock::time_point ready_at() const;

    // A request starts at `now`; returns the window it counts in, for its answer.
    uint64_t started(Clock::time_point now);

    // Its answer: accepted (any status but 429; it counted), refused (429, with the wait the
    // server asked for, Retry-After), or lost (no answer, or a 429 without Retry-After).
    void accepted(uint64_t window);
    void refused(uint64_t window, Clock::time_point now, Clock::duration wait);
    void lost(uint64_t window);

    // The budget learnt: requests per window (0: no quota met yet), whether it is confirmed,
    // and the window length when it is.
    int64_t budget() const { return budget_; }
    bool confirmed() const { return confirmed_; }
    Clock::duration window_length() const { return length_; }

private:
    Clock::time_point window_end() const;  // confirmed: when the current window is surely over
    bool window_over(Clock::time_point now) const;

    uint64_t window_ = 0;  // the current window, counted from 1; 0 before the first request
    bool clean_ = false;   // opened by the client after a known end
    Clock::time_point start_{}, previous_start_{};
    int64_t started_ = 0, finished_ = 0, accepted_ = 0;  // the current window's requests
    bool refused_ = false;         // a 429 came in the current window
    Clock::time_point resume_{};   // after that 429: when the server said to come back

    int64_t budget_ = 0;
    bool confirmed_ = false;
    Clock::duration length_{};
};

}  // namespace crm::http
