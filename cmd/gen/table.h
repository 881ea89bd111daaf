// The tree as a key → value table, embedded as data in every completion script so that
// completing needs no call back into crm. The three scripts share its keys and one algorithm:
//   sub:PATH:WORD  the command WORD (a name or an alias) names under PATH
//   subs:PATH      the subcommands of PATH (names and aliases)
//   flags:PATH     the flags PATH itself defines
//   val:PATH:FLAG  present when FLAG of PATH takes a value: the values it accepts, or empty
//   pos:PATH:N     the values the N-th positional (from 0) of PATH accepts
//   dyn:PATH:FLAG  the values of FLAG (or of positional N: dyn:PATH:N) come from the server:
//                  the words to give `crm __complete` ("tags leads"), see cli/complete.h
//   ft:PATH        present when PATH also accepts the flags of its parent (CLI11 fallthrough)
// PATH is the canonical command path ("crm opportunities stage"). List values hold one
// candidate a line, "candidate<TAB>description" or just "candidate".
#pragma once
#include "gen/model.h"

#include <string>
#include <vector>

namespace crm::cmd::gen {

struct Entry {
    std::string key;
    std::string value;
};

std::vector<Entry> completion_table(const Command& root);

// Script generators: each returns a complete script for its shell.
std::string bash_completion(const Command& root);
std::string zsh_completion(const Command& root);
std::string fish_completion(const Command& root);

}  // namespace crm::cmd::gen
