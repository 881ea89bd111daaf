#include "http/retry.h"

#include <algorithm>
#include <array>

namespace crm::http {

bool is_idempotent(const Request& request) {
    if (request.idempotent) return *request.idempotent;
    static constexpr std::array<std::string_view, 5> kIdempotent = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    return std::ranges::find(kIdempotent, request.method) != kIdempotent.end();
}

namespace {

bool is_retryable_status(long status) {
    switch (status) {
        case 408: case 429: case 500: case 502: case 503: case 504: return true;
        default: return false;
    }
}

bool is_connection_failure(Failure failure) {
    return failure == Failure::connect || failure == Failure::timeout || failure == Failure::dropped;
}

}  // namespace

bool should_retry(const Request& request, const Result& result) {
    if (result.failure == Failure::none) {
        const long status = result.response.status;
        // 429: the server refused to look at the request, so repeating it is always safe.
        if (status == 429) return true;
        return is_retryable_status(status) && is_idempotent(request);
    }
    if (!is_connection_failure(result.failure)) return false;
    // Nothing reached the server: whatever the method, it cannot have been carried out.
    if (!result.request_sent) return true;
    return is_idempotent(request);
}

std::chrono::milliseconds backoff(int attempt, std::mt19937_64& rng, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap) {
    // Full jitter (AWS architecture blog): spreads clients that failed together across the window.
    const int shift = std::clamp(attempt, 0, 30);
    const auto ceiling = std::min<int64_t>(cap.count(), base.count() << shift);
    std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(ceiling, 0));
    return std::chrono::milliseconds(pick(rng));
}

}  // namespace crm::http
