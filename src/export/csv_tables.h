// `crm export --format csv`: every table and view of the export database as DIR/NAME.csv —
// RFC 4180 quoting, a header row, UTF-8; with --excel a byte-order mark and CRLF line ends,
// which Excel needs to read UTF-8 text right.
#pragma once
#include "export/sqlite_db.h"

#include <filesystem>
#include <ostream>
#include <string>

namespace crm::exporting {

// Every table and view but the export's own state, one file each; returns how many files.
int write_csv_tables(Db& db, const std::filesystem::path& dir, bool excel);

}  // namespace crm::exporting
