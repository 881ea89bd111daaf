#include "report/chart.h"

#include "render/text_width.h"
#include "term/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace crm::report {

namespace {

constexpr int kMinBar = 10;
constexpr size_t kMinLabel = 8;
constexpr const char* kGap = "  ";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kBarColor = "\x1b[36m";
constexpr const char* kReset = "\x1b[0m";

// 1234567 → "1,234,567"
std::string grouped(long long whole) {
    std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return whole < 0 ? "-" + out : out;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    return text;
}

void pad_left(std::string& line, const std::string& cell, size_t width) {
    line.append(width - std::min(width, render::display_width(cell)), ' ');
    line += cell;
}

void pad_right(std::string& line, const std::string& cell, size_t width) {
    line += cell;
    line.append(width - std::min(width, render::display_width(cell)), ' ');
}

}  // namespace

std::string format_value(double value, Kind kind) {
    switch (kind) {
        case Kind::count: return grouped(std::llround(value));
        case Kind::percent: return fmt::format("{:.1f}%", value);
        case Kind::amount: {
            const long long cents = std::llround(value * 100);
            if (cents % 100 == 0) return grouped(cents / 100);
            return fmt::format("{}.{:02}", grouped(cents / 100), std::abs(cents % 100));
        }
        case Kind::label: break;
    }
    return fmt::format("{}", value);
}

std::string bar(double fraction, int width) {
    static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    if (!(fraction > 0) || width <= 0) return {};
    const long eighths = std::lround(std::min(fraction, 1.0) * width * 8);
    std::string out;
    for (long i = 0; i < eighths / 8; ++i) out += "█";
    return out + kEighths[eighths % 8];
}

std::string render_chart(const Table& table, int width, bool color) {
    // The cells as text, and each column's width (header included).
    std::vector<std::vector<std::string>> cells;
    std::vector<size_t> widths;
    for (const auto& column : table.columns) widths.push_back(column.name.size());
    double max = 0;
    for (const auto& row : table.rows) {
        std::vector<std::string> line{term::escape_controls(row.label)};
        for (size_t v = 0; v < row.values.size() && v + 1 < table.columns.size(); ++v)
            line.push_back(format_value(row.values[v], table.columns[v + 1].kind));
        for (size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], render::display_width(line[c]));
        if (table.chart < row.values.size()) max = std::max(max, row.values[table.chart]);
        cells.push_back(std::move(line));
    }
    // The numbers keep their width; the label gives way to a bar of at least kMinBar cells.
    size_t numbers = 0;
    for (size_t c = 1; c < widths.size(); ++c) numbers += widths[c] + 2;
    const size_t room = static_cast<size_t>(std::max(width, 0));
    if (widths[0] + numbers + 2 + kMinBar > room)
        widths[0] = std::max(kMinLabel, room > numbers + 2 + kMinBar ? room - numbers - 2 - kMinBar : 0);
    const int bar_width = std::max(kMinBar, static_cast<int>(room) - static_cast<int>(widths[0] + numbers + 2));

    std::string out = term::escape_controls(table.title) + "\n";
    std::string header;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const std::string name = upper(table.columns[c].name);
        if (c == 0) pad_right(header, render::fit(name, widths[0]), widths[0]);
        else pad_left(header += kGap, name, widths[c]);
    }
    while (!header.empty() && header.back() == ' ') header.pop_back();
    out += color ? kBold + header + kReset + "\n" : header + "\n";
    for (size_t r = 0; r < cells.size(); ++r) {
        std::string line;
        pad_right(line, render::fit(cells[r][0], widths[0]), widths[0]);
        for (size_t c = 1; c < cells[r].size(); ++c) pad_left(line += kGap, cells[r][c], widths[c]);
        const double value = table.chart < table.rows[r].values.size() ? table.rows[r].values[table.chart] : 0;
        const std::string drawn = bar(max > 0 ? value / max : 0, bar_width);
        if (!drawn.empty()) line += kGap + (color ? kBarColor + drawn + kReset : drawn);
        out += line + "\n";
    }
    return out;
}

}  // namespace crm::report
