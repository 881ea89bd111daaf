// Whole-number flags, one wording for all of them (CLI.md §14):
//   crm: --limit must be a positive integer, got '0'
// used by the CLI11 tree (--page, --size, --limit, --parallel) and by the run functions that
// read a number from text themselves (bulk's --batch-size, --parallel, --max-delete; api's
// -q page= and size=).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace crm::cli {

// "must be a positive integer" (1 and up), "must be a non-negative integer" (0 and up),
// "must be an integer from 1 to 16".
std::string integer_rule(long long low, long long high);

// The number TEXT spells when it is plain decimal digits (a '-' for a negative low) within
// [low, high]; nullopt for anything else: "", "1e3", "+5", " 5", "0x10", "abc".
std::optional<long long> integer_in(std::string_view text, long long low, long long high);

// "--limit must be a positive integer, got '0'" (`or_else` goes after the rule: ", or none").
std::string integer_problem(std::string_view flag, std::string_view text, long long low, long long high,
                            std::string_view or_else = "");

// integer_in, or a UsageError saying integer_problem.
long long checked_integer(std::string_view flag, std::string_view text, long long low, long long high,
                          std::string_view or_else = "");

}  // namespace crm::cli
