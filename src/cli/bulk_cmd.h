// crm bulk delete ENTITY (CLI.md §7): select ids (list, file, or a list filter), guard, then
// delete them in journaled batches.
#pragma once
#include "api/requests.h"
#include "cli/context.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct BulkDeleteOptions {
    std::vector<std::string> ids;         // --ids 1,2,3 (repeatable)
    std::optional<std::string> ids_from;  // --ids-from FILE|-
    api::ListParams filter;               // named list filters and --filter KEY=VALUE
    size_t batch_size = 100;
    int parallel = 4;
    bool yes = false;
    std::optional<size_t> max_delete;
    std::optional<std::string> journal;
    std::optional<std::string> failed_out;
};

void run_bulk_delete(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options);

}  // namespace crm::cli
