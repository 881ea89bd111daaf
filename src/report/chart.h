// The summaries of `crm report` as a person reads them: an aligned table with a horizontal
// bar per row, drawn with Unicode block characters (eighths of a cell), fitted to a width.
// Pure: the same table and width always give the same text (unit-tested as exact strings).
#pragma once
#include <string>
#include <vector>

namespace crm::report {

enum class Kind {
    label,    // text
    count,    // a whole number: 1234
    amount,   // money or any sum: 1,234,000 (two decimals only when it has cents)
    percent,  // 62.5%
};

struct Column {
    std::string name;  // "stage", "count", "value" (json keys and csv headers)
    Kind kind;
};

struct Row {
    std::string label;
    std::vector<double> values;  // one per column after the label
};

struct Table {
    std::string title;            // "Open opportunities by stage"
    std::vector<Column> columns;  // the label's column first
    std::vector<Row> rows;
    size_t chart = 0;             // the value (index into Row::values) drawn as the bar
};

// A number as its column shows it.
std::string format_value(double value, Kind kind);

// A bar of `fraction` (0..1) of `width` cells: full blocks, then one of ▏▎▍▌▋▊▉ for the rest.
std::string bar(double fraction, int width);

// The title, a header and one line per row with its bar, every line at most `width` columns
// (labels are cut with "…" when they must be, bars are at least 10 cells). Colour: a bold
// header and coloured bars.
std::string render_chart(const Table& table, int width, bool color);

}  // namespace crm::report
