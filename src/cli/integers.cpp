#include "cli/integers.h"

#include "errors.h"
#include "term/report.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace crm::cli {

std::string integer_rule(long long low, long long high) {
    // A bound at the type's end is no bound a person needs to read.
    if (high >= std::numeric_limits<int>::max()) {
        if (low == 1) return "must be a positive integer";
        if (low == 0) return "must be a non-negative integer";
        return fmt::format("must be an integer of at least {}", low);
    }
    return fmt::format("must be an integer from {} to {}", low, high);
}

std::optional<long long> integer_in(std::string_view text, long long low, long long high) {
    long long n = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size() || n < low || n > high) return std::nullopt;
    return n;
}

std::string integer_problem(std::string_view flag, std::string_view text, long long low, long long high,
                            std::string_view or_else) {
    return fmt::format("{} {}{}, got '{}'", flag, integer_rule(low, high), or_else,
                       term::escape_controls(std::string(text)));
}

long long checked_integer(std::string_view flag, std::string_view text, long long low, long long high,
                          std::string_view or_else) {
    if (auto n = integer_in(text, low, high)) return *n;
    throw UsageError(integer_problem(flag, text, low, high, or_else));
}

}  // namespace crm::cli
