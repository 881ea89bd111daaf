// Flag groups shared by several command files: request bodies, paging.
#pragma once
#include "api/body.h"
#include "api/requests.h"
#include "cli/records.h"

#include <CLI/CLI.hpp>

namespace crm::cmd {

// A whole number from `low` to `high`, checked on the text before CLI11 converts it, so that
// "0", "-1", "1e3" and "abc" get one plain message instead of CLI11's range wording.
CLI::Validator whole_number(long long low, long long high);

// -d/--data, -f/--field, -F/--typed-field (CLI.md §3).
void add_body_flags(CLI::App* sub, api::BodyInput& body);

// --page, --size, --all, --limit (CLI.md §2).
void add_paging_flags(CLI::App* sub, cli::Paging& paging);

// -y/--yes: destructive commands ask on a terminal and need it elsewhere (CLI.md §7).
void add_yes_flag(CLI::App* sub, bool& yes);

// --ignore-not-found: a 404 counts as done, for idempotent scripts (kubectl's flag).
void add_ignore_not_found_flag(CLI::App* sub, bool& ignore);

}  // namespace crm::cmd
