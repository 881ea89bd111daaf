#include "bulk/csv_reader.h"

#include "errors.h"

#include <fmt/format.h>

namespace crm::bulk {

std::vector<CsvRecord> read_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> records;
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        CsvRecord record;
        std::string cell;
        bool quoted = false;  // the cell began with a quote
        bool in_quotes = false;
        auto end_cell = [&] {
            record.cells.push_back(std::move(cell));
            cell.clear();
            quoted = false;
        };
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (in_quotes) {
                if (c != '"') {
                    cell += c;
                } else if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
                continue;
            }
            if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) break;
            if (c == ',') {
                end_cell();
            } else if (c == '"' && cell.empty() && !quoted) {
                in_quotes = quoted = true;
            } else if (quoted) {
                throw UsageError(fmt::format("CSV record {}: text after a closing quote", records.size() + 1));
            } else {
                cell += c;
            }
        }
        if (in_quotes) throw UsageError(fmt::format("CSV record {}: a quote is never closed", records.size() + 1));
        record.source = text.substr(start, i - start);
        if (i < text.size()) i += text[i] == '\r' ? 2 : 1;
        if (record.source.empty()) continue;  // a blank line
        end_cell();
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace crm::bulk
