// Reading CSV as `-o csv` writes it (render/delimited.cpp) and as spreadsheets export it:
// RFC 4180 quoting (doubled quotes, commas and line breaks inside quotes), LF or CRLF line
// ends, a leading UTF-8 byte order mark. Blank lines are skipped.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crm::bulk {

struct CsvRecord {
    std::vector<std::string> cells;
    std::string_view source;  // the record's text as read, without its line end (for --failed-out)
};

// Every record, the header included. Throws UsageError for a quote that is never closed or
// text after a closing quote, naming the record (1 = the first line).
std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace crm::bulk
