// crm export (CLI.md §13): every record of the chosen entities, plus pipelines and their
// stages, case types and tag lists, into one SQLite database or one CSV file per table —
// whole, or refreshed from the last run's watermarks (--incremental).
#pragma once
#include "cli/context.h"
#include "export/schema.h"
#include "export/sqlite_db.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::exporting {

struct ExportOptions {
    std::string to;                     // FILE.sqlite or DIR
    std::optional<std::string> format;  // sqlite|csv; default: csv for an existing directory, else sqlite
    bool excel = false;                 // csv: BOM and CRLF
    std::vector<std::string> entities;  // default: all five
    std::optional<std::string> since;   // only the records updated since WHEN (ISO 8601 or relative)
    bool incremental = false;
    int full_every = 7;                 // an id sweep every N runs of --incremental
    int parallel = 4;                   // pages in flight per walk
};

void run_export(cli::Context& ctx, const ExportOptions& options);

// Fills a new database with the lookups and every record of `entities` (only those updated
// since `since`, when given), in one transaction: what `crm report` computes from without an
// export. Returns the records written.
long load_live(cli::Context& ctx, Db& db, const std::vector<const EntityTable*>& entities,
               const std::optional<std::string>& since, int parallel);

}  // namespace crm::exporting
