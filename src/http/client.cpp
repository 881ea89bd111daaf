// The Client: one retry loop over libcurl's multi interface serves send() (one request),
// send_many() (many, `parallel` at a time) and send_stream() (pulled while they run). A client
// is used from one thread at a time.
#include "http/client.h"

#include "http/interrupt.h"
#include "http/quota.h"
#include "http/rate_limiter.h"
#include "http/retry.h"
#include "http/transfer.h"
#include "http/wire.h"

#include <algorithm>
#include <deque>
#include <map>
#include <random>

namespace crm::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The longest the loop sleeps without looking at the interrupt flag.
constexpr milliseconds kPollSlice{50};

using OnDone = std::function<void(size_t, Result&&)>;
using Next = std::function<std::optional<Request>()>;

// The result of a request that was never sent, or whose retry never was: the run was
// interrupted (SIGINT/SIGTERM) or stopped (stop_sending).
Result unsent() {
    Result result;
    result.failure = interrupt_requested() ? Failure::aborted : Failure::not_sent;
    result.error = interrupt_requested() ? "interrupted" : "not sent: the command stopped";
    return result;
}

class CurlClient final : public Client {
public:
    explicit CurlClient(ClientConfig config)
        : config_(std::move(config)), share_(make_share()), limiter_(config_.rate),
          rng_(std::random_device{}()), retry_tokens_(config_.retry_budget) {}

    Result send(const Request& request) override {
        Result out;
        send_many({request}, 1, [&out](size_t, Result&& result) { out = std::move(result); });
        return out;
    }

    void send_many(const std::vector<Request>& requests, int parallel, const OnDone& on_done) override {
        // Every request's wire before the first is sent: a URL libcurl refuses stops the whole
        // call (std::invalid_argument) rather than half of it.
        for (const Request& request : requests) prepare(config_, request);
        size_t pulled = 0;
        auto next = [&]() -> std::optional<Request> {
            if (pulled == requests.size()) return std::nullopt;
            return requests[pulled++];
        };
        run(next, static_cast<size_t>(std::max(parallel, 1)), on_done);
        // Requests never started (stop_sending, an interrupt) end like those waiting for a retry.
        for (; pulled < requests.size(); ++pulled) on_done(pulled, unsent());
    }

    void send_stream(const Next& next, int parallel, const OnDone& on_done) override {
        run(next, static_cast<size_t>(std::max(parallel, 1)), on_done);
    }

    void stop_sending() override { stopping_ = true; }

private:
    struct Waiting {
        size_t index;
        int attempts;             // made so far
        Clock::time_point not_before;
    };
    struct InFlight {
        size_t index;
        int attempts;             // including this one
        uint64_t window;          // the quota window it counts in (QuotaPacer)
        std::unique_ptr<Transfer> transfer;
    };

    void run(const Next& next, size_t parallel, const OnDone& on_done);
    // The delay before retrying, or nullopt when the result is final.
    std::optional<milliseconds> retry_delay(const Request& request, const Result& result, int attempts);
    // What a 429 or 503 asked for: its Retry-After, capped at max_retry_after_s.
    std::optional<milliseconds> server_wait(const Result& result) const;
    // Tells the quota pacer how a request of `window` ended, and says when it learns.
    void tell_quota(uint64_t window, const Result& result, Clock::time_point now);
    void log(const std::string& line) const {
        if (config_.log) config_.log(line);
    }

    ClientConfig config_;
    SharePtr share_;        // declared before any transfer can exist, so it outlives them all
    RateLimiter limiter_;
    std::mt19937_64 rng_;
    // The retry budget: a base allowance plus a share of every new request, so a long export
    // or bulk run may retry in proportion to its size while a dead server still cannot make
    // the client retry without end.
    double retry_tokens_;
    // Every transfer waits for this after a 429: the limit is the server's, not one transfer's.
    Clock::time_point paused_until_{};
    QuotaPacer quota_;  // the server's quota, learnt from its 429s: no more starts than it takes
    bool stopping_ = false;  // stop_sending() was called during the current run
};

void CurlClient::run(const Next& next, size_t parallel, const OnDone& on_done) {
    stopping_ = false;
    // A multi handle per call keeps a send() made from inside on_done apart from the outer
    // call's transfers; connections still pool through the share.
    MultiPtr multi = make_multi();
    // The requests pulled so far and their wires, by index; retries resend the same wire.
    std::deque<Request> requests;
    std::deque<Wire> wires;
    std::deque<Waiting> waiting;          // retries, each due at its not_before
    std::map<CURL*, InFlight> in_flight;  // declared after `multi`: removed from it before it goes
    bool pulled_last = false;             // `next` said nullopt since the last completion

    auto fail_waiting = [&] {
        for (const Waiting& job : waiting) {
            Result result = unsent();
            result.attempts = job.attempts;
            on_done(job.index, std::move(result));
        }
        waiting.clear();
    };

    // Starts what may start now: retries that are due, then what `next` gives, while there is
    // room in the window, no pause (429, --rate, the quota) holds them back, and the run goes
    // on. True when something started.
    auto fill = [&] {
        const auto now = Clock::now();
        bool started = false;
        while (in_flight.size() < parallel && now >= paused_until_ && now >= limiter_.ready_at() &&
               now >= quota_.ready_at()) {
            // Retries that are due first: they are older than anything `next` would give.
            auto due = std::ranges::find_if(waiting, [now](const Waiting& w) { return w.not_before <= now; });
            Waiting job{};
            if (due != waiting.end()) {
                job = *due;
                waiting.erase(due);
            } else {
                if (stopping_ || pulled_last) break;
                std::optional<Request> request = next();
                if (!request) {
                    pulled_last = true;
                    break;
                }
                wires.push_back(prepare(config_, *request));
                requests.push_back(std::move(*request));
                job = {requests.size() - 1, 0, {}};
                retry_tokens_ += config_.retry_budget_ratio;
            }
            auto transfer = std::make_unique<Transfer>(config_, wires[job.index], share_.get());
            transfer->start(multi.get());
            CURL* handle = transfer->handle();
            in_flight.emplace(handle, InFlight{job.index, job.attempts + 1, quota_.started(now), std::move(transfer)});
            limiter_.take(now);
            started = true;
        }
        return started;
    };

    while (true) {
        if (interrupt_requested()) {
            for (auto& [handle, job] : in_flight) {
                Result result = job.transfer->finish(CURLE_ABORTED_BY_CALLBACK);
                result.error = "interrupted";
                result.attempts = job.attempts;
                job.transfer.reset();
                on_done(job.index, std::move(result));
            }
            in_flight.clear();
            fail_waiting();
            return;
        }
        if (stopping_) fail_waiting();
        fill();
        if (in_flight.empty() && waiting.empty() && (pulled_last || stopping_)) break;

        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
            if (message->msg != CURLMSG_DONE) continue;
            const CURLcode code = message->data.result;  // read before the handle is removed
            auto node = in_flight.extract(message->easy_handle);
            InFlight& job = node.mapped();
            Result result = job.transfer->finish(code);
            result.attempts = job.attempts;
            job.transfer.reset();
            const auto now = Clock::now();
            tell_quota(job.window, result, now);

            const Request& request = requests[job.index];
            if (const auto delay = retry_delay(request, result, job.attempts)) {
                if (result.ok() && result.response.status == 429) paused_until_ = std::max(paused_until_, now + *delay);
                waiting.push_back({job.index, job.attempts, now + *delay});
                continue;
            }
            pulled_last = false;  // what on_done learns may make `next` give more
            on_done(job.index, std::move(result));
            // What on_done made room for starts before the next answer is handed over: answers
            // come in bursts (a window sent together returns together), and rendering a burst's
            // pages one after another used to leave every slot empty until the last was done.
            if (!stopping_ && !interrupt_requested() && fill()) curl_multi_perform(multi.get(), &running);
        }

        // Nothing in flight and nothing more to send: the top of the loop ends the run now.
        // (Sleeping first cost every stopped walk a whole poll slice, 50 ms.)
        if (in_flight.empty() && (stopping_ || (pulled_last && waiting.empty()))) continue;

        // Sleep until libcurl has work, the next retry or rate slot is due, or a slice passes.
        const auto now = Clock::now();
        auto wake = now + kPollSlice;
        if (in_flight.size() < parallel && (!waiting.empty() || !(pulled_last || stopping_))) {
            auto earliest = now;
            if (!waiting.empty() && (pulled_last || stopping_))
                earliest = std::ranges::min_element(waiting, {}, &Waiting::not_before)->not_before;
            wake = std::min(wake, std::max({earliest, paused_until_, limiter_.ready_at(), quota_.ready_at()}));
        }
        const auto wait = std::chrono::ceil<milliseconds>(std::max(wake - now, Clock::duration::zero()));
        curl_multi_poll(multi.get(), nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
}

std::optional<milliseconds> CurlClient::retry_delay(const Request& request, const Result& result, int attempts) {
    if (attempts > config_.retries || !should_retry(request, result)) return std::nullopt;
    // The reason, as a person would look it up: the status, or the transport failure with
    // libcurl's words for it ("timeout (Operation timed out after 30001 milliseconds …)").
    const std::string what = result.ok() ? "HTTP " + std::to_string(result.response.status)
                                         : std::string(failure_name(result.failure)) + " (" + result.error + ")";
    const std::string on = " on " + request.method + ' ' + request.path;
    if (retry_tokens_ < 1) {
        log("* " + what + on + ": retry budget exhausted, giving up");
        return std::nullopt;
    }
    retry_tokens_ -= 1;

    milliseconds delay = backoff(attempts - 1, rng_);
    std::string why = "backoff";
    // A server that asks for a wait gets it, up to the cap; one that asks for none (or says
    // something libcurl cannot read) gets the backoff.
    if (const auto wait = server_wait(result)) {
        delay = *wait;
        why = "Retry-After: " + std::to_string(result.response.retry_after->count()) + " s" +
              (delay < *result.response.retry_after ? ", capped" : "");
    }
    log("* " + what + on + ": retry " + std::to_string(attempts) + " of " + std::to_string(config_.retries) +
        " in " + std::to_string(delay.count()) + " ms (" + why + ")");
    return delay;
}

std::optional<milliseconds> CurlClient::server_wait(const Result& result) const {
    if (!result.ok() || !result.response.retry_after) return std::nullopt;
    const auto cap = std::chrono::duration_cast<milliseconds>(std::chrono::duration<double>(config_.max_retry_after_s));
    return std::min(std::chrono::duration_cast<milliseconds>(*result.response.retry_after), cap);
}

void CurlClient::tell_quota(uint64_t window, const Result& result, Clock::time_point now) {
    const auto wait = server_wait(result);
    if (result.ok() && result.response.status != 429) {
        quota_.accepted(window);
        return;
    }
    if (!result.ok() || !wait) {  // no answer, or a 429 that does not say how long: nothing to learn
        quota_.lost(window);
        return;
    }
    const int64_t budget = quota_.budget();
    const bool confirmed = quota_.confirmed();
    quota_.refused(window, now, *wait);
    if (quota_.confirmed() && (quota_.budget() != budget || !confirmed)) {
        const auto length = std::chrono::duration_cast<milliseconds>(quota_.window_length());
        log("* quota: " + std::to_string(quota_.budget()) + " requests a window of " + std::to_string(length.count()) +
            " ms, learnt from 429s; no more are started in a window");
    }
}

}  // namespace

std::unique_ptr<Client> make_client(ClientConfig config) {
    // Thread-safe since libcurl 7.84; done here so no transfer races to do it implicitly.
    static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)global_init;
    return std::make_unique<CurlClient>(std::move(config));
}

}  // namespace crm::http
