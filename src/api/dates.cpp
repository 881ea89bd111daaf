#include "api/dates.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace crm::api {

namespace {

using namespace std::chrono;

// Exactly `width` digits at text[pos], as a number; nullopt otherwise.
std::optional<int> digits(std::string_view text, size_t pos, size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int n = 0;
    for (size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        n = n * 10 + (text[i] - '0');
    }
    return n;
}

bool is_zone(std::string_view zone) {
    if (zone == "Z") return true;
    if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return false;
    zone.remove_prefix(1);
    auto hours = digits(zone, 0, 2);
    if (!hours || *hours > 23) return false;
    size_t pos = zone.size() > 2 && zone[2] == ':' ? 3 : 2;
    auto minutes = digits(zone, pos, 2);
    return minutes && *minutes <= 59 && zone.size() == pos + 2;
}

// THH:MM[:SS[.fff]][zone]
bool is_time(std::string_view t) {
    if (t.empty() || t[0] != 'T') return false;
    auto hh = digits(t, 1, 2), mm = digits(t, 4, 2);
    if (!hh || !mm || t.size() < 6 || t[3] != ':' || *hh > 23 || *mm > 59) return false;
    size_t pos = 6;
    if (pos < t.size() && t[pos] == ':') {
        auto ss = digits(t, pos + 1, 2);
        if (!ss || *ss > 59) return false;
        pos += 3;
        if (pos < t.size() && t[pos] == '.') {
            size_t end = pos + 1;
            while (end < t.size() && t[end] >= '0' && t[end] <= '9') ++end;
            if (end == pos + 1) return false;
            pos = end;
        }
    }
    return pos == t.size() || is_zone(t.substr(pos));
}

sys_days day_of(Now time) { return floor<days>(time); }

std::string format_day(sys_days day) {
    year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

}  // namespace

bool is_iso8601(std::string_view text) {
    auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d || text[4] != '-' || text[7] != '-') return false;
    // The calendar decides: month lengths and leap years (2024-02-29 yes, 2023-02-29 and 1900-02-29 no).
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return false;
    return text.size() == 10 || is_time(text.substr(10));
}

std::string format_utc(Now time) {
    const sys_days day = day_of(time);
    const hh_mm_ss clock{time - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_day(day), clock.hours().count(), clock.minutes().count(),
                       clock.seconds().count());
}

std::string resolve_date(std::string_view text, Now now) {
    if (is_iso8601(text)) return std::string(text);
    if (text == "now") return format_utc(now);
    if (text == "today") return format_utc(day_of(now));
    if (text == "yesterday") return format_utc(day_of(now) - days{1});
    // <N><unit>: a whole number of days, weeks, hours or minutes before now.
    if (text.size() < 2) return {};
    const char unit = text.back();
    const std::string_view number = text.substr(0, text.size() - 1);
    long long n = 0;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), n);
    // At most 100 years back: beyond that the value is a typo, not a date.
    constexpr long long kMaxDays = 36525;
    if (error != std::errc() || end != number.data() + number.size() || n < 0) return {};
    long long per_day = 0;  // units in a day; weeks count negative: days per unit
    switch (unit) {
        case 'd': per_day = 1; break;
        case 'w': per_day = -7; break;
        case 'h': per_day = 24; break;
        case 'm': per_day = 24 * 60; break;
        default: return {};
    }
    if (per_day > 0 ? n > kMaxDays * per_day : n > kMaxDays / -per_day) return {};
    const seconds ago = unit == 'd' ? seconds{days{n}}
                      : unit == 'w' ? seconds{weeks{n}}
                      : unit == 'h' ? seconds{hours{n}}
                                    : seconds{minutes{n}};
    return format_utc(now - ago);
}

}  // namespace crm::api
