// crm bulk delete ENTITY (CLI.md §7): select ids (list, file, or a list filter), guard, then
// delete them in journaled batches.
#pragma once
#include "api/requests.h"
#include "cli/context.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::cli {

struct BulkDeleteOptions {
    std::vector<std::string> ids;         // --ids 1,2,3 (repeatable)
    std::optional<std::string> ids_from;  // --ids-from FILE|-
    api::ListParams filter;               // named list filters and --filter KEY=VALUE
    bool allow_unknown_filter = false;    // --filter keys the reference does not list
    // The numeric flags as typed: checked by run_bulk_delete, with a message naming the range.
    std::optional<std::string> batch_size;  // 1..1000, default 100
    std::optional<std::string> parallel;    // 1..16, default 4
    std::optional<std::string> max_delete;  // N (0 allowed) or "none"
    bool yes = false;
    bool ignore_not_found = false;
    std::optional<std::string> journal;
    std::optional<std::string> failed_out;
};

// --failed-out is truncated at the start: naming the journal would destroy it (UsageError).
void check_failed_out(const std::optional<std::string>& failed_out, const std::optional<std::string>& journal);
// Replaces the file's content with `text`; Error (exit 1) when it cannot.
void write_text_file(const std::string& path, const std::string& text);
// The first few problems of a run, each prefixed ("bulk delete leads: "), then how many more;
// a problem without its own method and path gets these.
void report_problems(Context& ctx, std::string_view prefix, const std::vector<term::Problem>& problems,
                     std::string_view method, std::string_view path);

void run_bulk_delete(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options);

}  // namespace crm::cli
