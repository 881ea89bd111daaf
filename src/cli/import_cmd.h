// crm ENTITY import FILE|- (CLI.md §11): read and check every row, then create (POST) or update
// (PATCH by id) each, journaled, in parallel, with an account of every row.
#pragma once
#include "api/resources.h"
#include "cli/context.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct ImportFlags {
    std::string file;                        // FILE, or - for standard input
    std::optional<std::string> format;       // csv|ndjson|json; else from the name or the content
    std::optional<std::string> update_by;    // "id": rows with an id are PATCHed
    std::optional<std::string> journal;
    std::optional<std::string> failed_out;
    std::optional<std::string> parallel;     // 1..16, default 4 (checked by run_import)
    std::vector<std::string> string_fields;  // CSV columns read as strings: a,b (repeatable)
    bool resend_unknown = false;
    bool yes = false;
};

void run_import(Context& ctx, const api::Resource& resource, const ImportFlags& flags);

}  // namespace crm::cli
