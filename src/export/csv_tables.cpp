#include "export/csv_tables.h"

#include "errors.h"
#include "render/render.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace crm::exporting {

namespace {

// A cell as text: NULL empty, numbers in their shortest form (25000, not 25000.0).
std::string cell_of(const Statement& rows, int column) {
    switch (rows.type(column)) {
        case SQLITE_NULL: return {};
        case SQLITE_FLOAT: return fmt::format("{}", rows.real(column));
        default: return rows.text(column);
    }
}

// One query's rows as CSV on `out`, header first.
void write_csv(Statement& rows, std::ostream& out, bool excel) {
    const char* eol = excel ? "\r\n" : "\n";
    if (excel) out << "\xEF\xBB\xBF";
    for (int c = 0; c < rows.columns(); ++c) out << (c ? "," : "") << render::csv_field(rows.column_name(c));
    out << eol;
    while (rows.step()) {
        for (int c = 0; c < rows.columns(); ++c) out << (c ? "," : "") << render::csv_field(cell_of(rows, c));
        out << eol;
    }
}

}  // namespace

int write_csv_tables(Db& db, const std::filesystem::path& dir, bool excel) {
    std::vector<std::string> names;
    Statement list = db.prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'crm_export_%' ORDER BY type, name");
    while (list.step()) names.push_back(list.text(0));
    for (const auto& name : names) {
        const auto path = dir / (name + ".csv");
        std::ofstream out(path, std::ios::binary);
        Statement rows = db.prepare("SELECT * FROM " + quote_identifier(name));
        write_csv(rows, out, excel);
        out.flush();
        if (!out) throw Error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)), kExitUnexpected);
    }
    return static_cast<int>(names.size());
}

}  // namespace crm::exporting
