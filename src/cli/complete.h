// Dynamic shell completion (CLI.md §14): the values only the server knows — stage labels, tag
// labels — and the profile names of the config file, printed one a line for the completion
// scripts (`crm __complete KIND`). A shell waits for this, so it is bounded: labels come from a
// cache of a minute, and a fetch gives up after well under a second (then the cache, however
// old, or nothing). It never prints an error: a completion that cannot help offers nothing.
#pragma once
#include "cli/context.h"

#include <chrono>
#include <string>
#include <vector>

namespace crm::cli {

// What `crm __complete` completes, as the completion table names it.
inline constexpr const char* kCompleteProfiles = "profiles";
inline constexpr const char* kCompleteStages = "stages";
inline constexpr const char* kCompleteTags = "tags";  // followed by the entity: "tags leads"

inline constexpr std::chrono::seconds kCompletionCacheAge{60};

// Prints the candidates of KIND (its words: {"tags", "leads"}); unknown kinds print nothing.
void run_complete(Context& ctx, const std::vector<std::string>& kind);

}  // namespace crm::cli
