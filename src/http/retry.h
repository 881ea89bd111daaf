// The retry policy of CLI.md §8, as pure functions so they can be tested without a network.
#pragma once
#include "http/request.h"

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace crm::http {

bool is_idempotent(const Request& request);

// Whether a finished attempt should be retried (budget and count are checked by the caller).
// Retries: 408/429/500/502/503/504 and connection failures, for idempotent requests; for any
// request when nothing was sent (connect failure) or when the server said 429.
bool should_retry(const Request& request, const Result& result);

// Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)].
std::chrono::milliseconds backoff(int attempt, std::mt19937_64& rng,
                                  std::chrono::milliseconds base = std::chrono::milliseconds(250),
                                  std::chrono::milliseconds cap = std::chrono::milliseconds(8000));

}  // namespace crm::http
