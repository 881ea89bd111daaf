// A command line that did not parse, said the way gh and kubectl say it (CLI.md §14): the word
// that was not understood, where, and the nearest known word. Works on the plain tree
// (gen/model.h), so it knows nothing of CLI11's own wording.
#pragma once
#include "gen/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::cmd::gen {

// The known word closest to `word`: within an edit distance of 2 (a third of the word at most),
// or one that `word` begins; empty when none is close.
std::string nearest(std::string_view word, const std::vector<std::string>& known);

// Walks `args` (argv without the program) through the tree and explains the first word that is
// not a command, flag or value where it stands: "unknown command 'lst' for 'crm leads'; did
// you mean 'list'?". Also a group named without its command ("'crm leads' needs a command:
// list, create, …"), and a flag that needs a value given none at the end. nullopt when the walk finds nothing wrong: the parser's own message then.
struct Misparse {
    std::string message;
    std::string command;  // where the walk stood, "crm leads": its --help is the one to read
};
std::optional<Misparse> explain_misparse(const Command& root, const std::vector<std::string>& args);

// The command `args` name, as far as the walk above understands them: "crm leads list". Its
// --help is the one to point to when the parser refuses a value.
std::string command_at(const Command& root, const std::vector<std::string>& args);

// A flag that takes a value followed by another flag ("--fields --dry-run"): the parser would
// take the second flag as the value, so `--dry-run` would silently not apply. The message, or
// nullopt.
std::optional<Misparse> flag_as_value(const Command& root, const std::vector<std::string>& args);

}  // namespace crm::cmd::gen
