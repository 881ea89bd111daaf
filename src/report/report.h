// crm report pipeline|leads|cases (CLI.md §13): the summaries a manager asks for, computed
// from an export (--from FILE.sqlite) or from a live walk into a temporary database; an
// aligned table with bar charts on a terminal, json, ndjson, csv or tsv for machines.
#pragma once
#include "cli/context.h"

#include <optional>
#include <string>

namespace crm::report {

struct ReportOptions {
    std::string report;                // pipeline | leads | cases
    std::string by;                    // "" = the report's default
    std::optional<std::string> since;  // WHEN: ISO 8601 or relative
    std::optional<std::string> from;   // FILE.sqlite written by crm export
    int parallel = 4;
};

void run_report(cli::Context& ctx, const ReportOptions& options);

}  // namespace crm::report
