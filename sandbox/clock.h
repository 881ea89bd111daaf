// Timestamps: ISO 8601 UTC with milliseconds, e.g. 2025-03-01T12:34:56.789Z.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sandbox {

int64_t now_ms();
std::string format_iso(int64_t epoch_ms);
std::string now_iso();
// Accepts YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.fff]] with Z, ±hh:mm or nothing (UTC).
std::optional<int64_t> parse_iso(std::string_view s);

}  // namespace sandbox
