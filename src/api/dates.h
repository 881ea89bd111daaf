// Dates as the commands take them (CLI.md §12): ISO 8601, or relative to "now" — `90d`, `2w`,
// `12h`, `30m`, `today`, `yesterday`, `now`. Pure: "now" is a parameter, so the commands fix it
// once per run (every page of a list asks for the same window) and the tests fix it exactly.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace crm::api {

using Now = std::chrono::sys_seconds;

// A real calendar date-time in ISO 8601: YYYY-MM-DD, optionally followed by THH:MM[:SS[.fff]]
// and a zone (Z or ±HH[:]MM). 2024-02-29 is a date, 2023-02-29 and 2024-04-31 are not.
bool is_iso8601(std::string_view text);

// The ISO 8601 text to send for a date flag's value; an empty string when the text is neither
// ISO 8601 nor a relative date (the caller names the flag in its usage error).
// - ISO 8601 is sent exactly as given (after the calendar check).
// - Relative: `<N>d|w|h|m` is now minus N days, weeks, hours or minutes; `now`; `today` and
//   `yesterday` are the start of that day. All in UTC, always as a date-time with seconds and
//   `Z` ("2024-03-01T00:00:00Z"): the form the reference's examples use, exact to the second
//   and without a time zone left to the server's guess.
std::string resolve_date(std::string_view text, Now now);

// now as the API's date-time: "2024-03-01T12:34:56Z".
std::string format_utc(Now time);

}  // namespace crm::api
