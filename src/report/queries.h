// The summaries of `crm report` (CLI.md §13), as data: one row per report and --by, each an
// SQL query over the export's schema (export/schema.h). The same query runs on an export
// (--from FILE.sqlite) and on a database filled by a live walk, so both give the same numbers.
#pragma once
#include "report/chart.h"

#include <string>
#include <string_view>
#include <vector>

namespace crm::report {

struct Query {
    std::string report;  // pipeline | leads | cases
    std::string by;      // stage, owner, …; the first row of a report is its default
    std::string title;
    std::vector<Column> columns;
    size_t chart;        // the value drawn as the bar
    // Parameters: ?1 the --since date-time ('' for none), ?2 the time now (ages of cases).
    std::string sql;
};

const std::vector<Query>& queries();

// The query of `report` by `by` ("" for the report's default); UsageError naming the choices
// when there is none.
const Query& find_query(std::string_view report, std::string_view by);

// The report names, and the --by choices of one report.
std::vector<std::string> report_names();
std::vector<std::string> by_names(std::string_view report);

// The entity table a report reads ("opportunities", "leads", "cases").
std::string entity_of(std::string_view report);

}  // namespace crm::report
