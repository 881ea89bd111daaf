#include "http/retry.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>

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

// IMF-fixdate, the only HTTP-date form a server may generate (RFC 9110 §5.6.7), parsed by
// position because it has a fixed width: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view value) {
    static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // '9' a digit, 'a' a letter, anything else itself.
    constexpr std::string_view kShape = "aaa, 99 aaa 9999 99:99:99 GMT";
    if (value.size() != kShape.size()) return std::nullopt;
    for (size_t i = 0; i < kShape.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        const bool fits = kShape[i] == '9' ? std::isdigit(c) != 0
                        : kShape[i] == 'a' ? std::isalpha(c) != 0
                                           : value[i] == kShape[i];
        if (!fits) return std::nullopt;
    }
    if (std::ranges::find(kDays, value.substr(0, 3)) == std::end(kDays)) return std::nullopt;
    const auto month = std::ranges::find(kMonths, value.substr(8, 3));
    if (month == std::end(kMonths)) return std::nullopt;

    auto number = [value](size_t at, size_t length) {
        int n = 0;
        std::from_chars(value.data() + at, value.data() + at + length, n);
        return n;
    };
    std::tm tm{};
    tm.tm_mday = number(5, 2);
    tm.tm_mon = static_cast<int>(month - std::begin(kMonths));
    tm.tm_year = number(12, 4) - 1900;
    tm.tm_hour = number(17, 2);
    tm.tm_min = number(20, 2);
    tm.tm_sec = number(23, 2);
    if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) return std::nullopt;
    const time_t t = timegm(&tm);
    if (t == -1) return std::nullopt;
    return std::chrono::system_clock::from_time_t(t);
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

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
    if (value.empty()) return std::nullopt;

    if (std::ranges::all_of(value, [](unsigned char c) { return std::isdigit(c); })) {
        // Absurd values saturate rather than overflow; the caller caps them anyway.
        constexpr uint64_t kMaxSeconds = uint64_t{1} << 32;
        uint64_t seconds = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error == std::errc::result_out_of_range || seconds > kMaxSeconds) seconds = kMaxSeconds;
        else if (error != std::errc{} || end != value.data() + value.size()) return std::nullopt;
        return std::chrono::seconds(seconds);
    }

    const auto date = parse_http_date(value);
    if (!date) return std::nullopt;
    if (*date <= now) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
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
