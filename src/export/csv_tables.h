// `crm export --format csv`: every table and view of the export database as DIR/NAME.csv —
// RFC 4180 quoting, a header row, UTF-8; with --excel a byte-order mark and CRLF line ends,
// which Excel needs to read UTF-8 text right.
#pragma once
#include "export/sqlite_db.h"

#include <filesystem>
#include <ostream>
#include <string>

namespace crm::exporting {

// One query's rows as CSV on `out`, header first.
void write_csv(Statement& rows, std::ostream& out, bool excel);

// Every table and view but the export's own state, one file each; returns how many files.
int write_csv_tables(Db& db, const std::filesystem::path& dir, bool excel);

// A cell as text: NULL empty, numbers in their shortest form (25000, not 25000.0).
std::string cell_of(const Statement& rows, int column);

}  // namespace crm::exporting
