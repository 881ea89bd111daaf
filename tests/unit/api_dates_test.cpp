// Dates of the list filters (CLI.md §12): ISO 8601 checked against the real calendar, and
// relative dates resolved against a fixed "now", so every expectation is exact.
#include "api/dates.h"
#include "api/requests.h"
#include "api/resources.h"
#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm;
using namespace crm::api;
using namespace std::chrono;

namespace {

// 2024-03-01T10:20:30Z: the day after a leap day, so "yesterday" is 2024-02-29.
const Now kNow = sys_days{year{2024} / 3 / 1} + hours{10} + minutes{20} + seconds{30};

}  // namespace

TEST_CASE("ISO 8601 dates are checked against the calendar, leap years included", "[api][dates]") {
    CHECK(is_iso8601("2024-02-29"));
    CHECK(is_iso8601("2000-02-29"));  // divisible by 400: a leap year
    CHECK_FALSE(is_iso8601("2023-02-29"));
    CHECK_FALSE(is_iso8601("1900-02-29"));  // divisible by 100, not 400
    CHECK_FALSE(is_iso8601("2024-02-30"));
    CHECK_FALSE(is_iso8601("2024-02-31"));
    CHECK_FALSE(is_iso8601("2024-04-31"));
    CHECK(is_iso8601("2024-12-31"));
    CHECK_FALSE(is_iso8601("2024-00-10"));
    CHECK_FALSE(is_iso8601("2024-13-01"));
    CHECK_FALSE(is_iso8601("2024-01-00"));
    CHECK(is_iso8601("2024-01-31T23:59:59Z"));
    CHECK(is_iso8601("2024-01-31T23:59:59.5+05:30"));
    CHECK(is_iso8601("2024-01-31T23:59-0100"));
    CHECK_FALSE(is_iso8601("2024-01-31T24:00:00Z"));
    CHECK_FALSE(is_iso8601("2024-01-31T12:60Z"));
    CHECK_FALSE(is_iso8601("2024-01-31T12:00:61Z"));
    CHECK_FALSE(is_iso8601("2024-01-31T12:00:00."));
    CHECK_FALSE(is_iso8601("2024-01-31T12:00:00X"));
    CHECK_FALSE(is_iso8601("2024-01-31 12:00"));
    CHECK_FALSE(is_iso8601("2024-1-31"));
    CHECK_FALSE(is_iso8601(""));
}

TEST_CASE("relative dates resolve against now, in UTC, as date-times", "[api][dates]") {
    CHECK(format_utc(kNow) == "2024-03-01T10:20:30Z");
    CHECK(resolve_date("now", kNow) == "2024-03-01T10:20:30Z");
    CHECK(resolve_date("today", kNow) == "2024-03-01T00:00:00Z");
    CHECK(resolve_date("yesterday", kNow) == "2024-02-29T00:00:00Z");
    CHECK(resolve_date("1d", kNow) == "2024-02-29T10:20:30Z");
    CHECK(resolve_date("90d", kNow) == "2023-12-02T10:20:30Z");
    CHECK(resolve_date("2w", kNow) == "2024-02-16T10:20:30Z");
    CHECK(resolve_date("12h", kNow) == "2024-02-29T22:20:30Z");
    CHECK(resolve_date("30m", kNow) == "2024-03-01T09:50:30Z");
    CHECK(resolve_date("0d", kNow) == "2024-03-01T10:20:30Z");
    // ISO 8601 goes out exactly as given.
    CHECK(resolve_date("2023-01-01", kNow) == "2023-01-01");
    CHECK(resolve_date("2023-01-01T00:00:00+02:00", kNow) == "2023-01-01T00:00:00+02:00");
}

TEST_CASE("what is neither ISO 8601 nor a relative date resolves to nothing", "[api][dates]") {
    for (const char* bad : {"", "d", "90", "-5d", "+5d", "5y", "5D", "5 d", "1.5d", "90dd", "tomorrow", "Today",
                            "2023-02-29", "2024-02-31", "99999999999999999999d", "40000d"}) {
        INFO(bad);
        CHECK(resolve_date(bad, kNow).empty());
    }
}

TEST_CASE("a date filter sends the resolved date and refuses impossible ones", "[api][dates]") {
    const auto& cases = *find_entity("cases");
    ListParams p{.named = {{"created-after", {"90d"}}, {"created-before", {"yesterday"}}}, .now = kNow};
    auto query = list_request(cases, p, 1, std::nullopt).query;
    REQUIRE(query.size() == 3);
    CHECK(query[1] == std::pair<std::string, std::string>{"createdAfterDate", "2023-12-02T10:20:30Z"});
    CHECK(query[2] == std::pair<std::string, std::string>{"createdBeforeDate", "2024-02-29T00:00:00Z"});

    p.named = {{"created-after", {"2024-02-31"}}};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
    p.named = {{"created-before", {"2023-02-29T00:00:00Z"}}};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);
    p.named = {{"created-before", {"soon"}}};
    CHECK_THROWS_AS(list_request(cases, p, 1, std::nullopt), UsageError);

    // No "now" given: ISO 8601 still works; a relative date is a bug of the caller, not a usage error.
    ListParams no_clock{.named = {{"created-after", {"2024-02-29"}}}};
    CHECK(list_request(cases, no_clock, 1, std::nullopt).query[1].second == "2024-02-29");
    no_clock.named = {{"created-after", {"90d"}}};
    try {
        list_request(cases, no_clock, 1, std::nullopt);
        FAIL("a relative date without now was accepted");
    } catch (const Error& e) {
        CHECK(e.exit_code() == kExitUnexpected);
    }
}
