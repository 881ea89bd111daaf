// table: aligned columns for a person at a terminal.
//
// Rows are buffered until the end of a page; the first page sizes the columns and later pages
// reuse those widths (longer cells are cut with "…"), so `--all` keeps flat memory and the
// columns never shift under the reader. Widths count UTF-8 code points, which is right for
// Latin, Greek and Cyrillic text; double-width CJK would need wcwidth() and is not handled.
//
// Every cell and key is server data, not terminal control: control characters are shown
// escaped (\n, \e, …), so a title cannot forge lines or move the cursor, and a cell stays one
// line, which the alignment needs.
#include "render/internal.h"
#include "render/text_width.h"

#include "term/report.h"

#include <algorithm>
#include <ostream>

namespace crm::render::detail {

namespace {

constexpr std::string_view kGap = "  ";
constexpr size_t kMinColumn = 6;  // narrower than this, a cut cell says nothing
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

// A header or key: upper case, then escaped (so an escape reads \r, not \R).
std::string header_text(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    return term::escape_controls(out);
}

void pad(std::string& line, std::string_view cell, size_t width) {
    line.append(cell);
    line.append(width - std::min(width, display_width(cell)), ' ');
}

class TableRenderer : public Renderer {
public:
    TableRenderer(Options options, std::ostream& out, std::ostream& notes)
        : options_(std::move(options)), out_(out), notes_(notes) {}

    void begin_list() override {
        columns_.clear();
        widths_.clear();
        rows_.clear();
        any_records_ = false;
    }

    void record(const json::Value& record) override {
        if (!any_records_) columns_ = list_columns(record);
        any_records_ = true;
        std::vector<std::string> cells;
        cells.reserve(columns_.size());
        for (const auto& column : columns_) cells.push_back(term::escape_controls(cell_text(record, column)));
        rows_.push_back(std::move(cells));
    }

    void end_page() override {
        if (rows_.empty()) return;
        if (widths_.empty()) size_columns_and_print_header();
        for (const auto& cells : rows_) print_row(cells, widths_, false);
        rows_.clear();
    }

    void end_list() override {
        end_page();
        if (!any_records_) notes_ << "No results.\n";
    }

    // A vertical listing, one "KEY  value" line per field, keys aligned.
    void single(const json::Value& record) override {
        std::vector<std::pair<std::string, std::string>> lines;
        if (options_.fields.empty()) {
            for (const auto& [key, value] : flatten(record))
                lines.emplace_back(header_text(key), term::escape_controls(json::scalar_text(*value)));
        } else {
            for (const auto& field : options_.fields)
                lines.emplace_back(header_text(field), term::escape_controls(cell_text(record, field)));
        }
        size_t key_width = 0;
        for (const auto& line : lines) key_width = std::max(key_width, display_width(line.first));
        const std::vector<size_t> widths{key_width, std::string::npos};  // values are never cut short
        for (auto& [key, value] : lines) print_row({key, value}, widths, false);
    }

private:
    // --fields, else the entity's default columns, else every field of the first record.
    std::vector<std::string> list_columns(const json::Value& first) const {
        if (options_.fields.empty() && !options_.default_columns.empty()) return options_.default_columns;
        return columns_for(options_, first);
    }

    void size_columns_and_print_header() {
        std::vector<std::string> header;
        for (const auto& column : columns_) header.push_back(header_text(column));
        widths_.assign(columns_.size(), 0);
        for (size_t i = 0; i < columns_.size(); ++i) {
            if (options_.headers) widths_[i] = display_width(header[i]);
            for (const auto& cells : rows_) widths_[i] = std::max(widths_[i], display_width(cells[i]));
        }
        fit_to_terminal();
        if (options_.headers) print_row(header, widths_, true);
    }

    // Too wide for the terminal: narrow the widest column, one character at a time, so every
    // column stays in sight (a long title gives way before the short ones disappear). Columns
    // do not go below kMinColumn; if that is still too wide, print_row cuts the line's end.
    void fit_to_terminal() {
        if (options_.width <= 0 || widths_.empty()) return;
        const size_t limit = static_cast<size_t>(options_.width);
        size_t total = kGap.size() * (widths_.size() - 1);
        for (size_t w : widths_) total += w;
        while (total > limit) {
            auto widest = std::max_element(widths_.begin(), widths_.end());
            if (*widest <= kMinColumn) break;
            --*widest;
            --total;
        }
    }

    // Cells fitted to the column widths, two spaces apart; the last column is not padded and
    // trailing blanks are dropped. Then the whole line is fitted to the terminal width.
    void print_row(const std::vector<std::string>& cells, const std::vector<size_t>& widths, bool header) {
        std::string line;
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) line.append(kGap);
            std::string cell = fit(cells[i], widths[i]);
            if (i + 1 < cells.size()) {
                pad(line, cell, widths[i]);
            } else {
                line.append(cell);
            }
        }
        line.erase(line.find_last_not_of(' ') + 1);
        if (options_.width > 0) line = fit(line, static_cast<size_t>(options_.width));
        if (header && options_.color) line = std::string(kBold).append(line).append(kReset);
        out_ << line << '\n';
    }

    Options options_;
    std::ostream& out_;
    std::ostream& notes_;
    std::vector<std::string> columns_;
    std::vector<size_t> widths_;                 // set by the first page, kept for the rest
    std::vector<std::vector<std::string>> rows_;  // the current page
    bool any_records_ = false;
};

}  // namespace

std::unique_ptr<Renderer> make_table(Options options, std::ostream& out, std::ostream& notes) {
    return std::make_unique<TableRenderer>(std::move(options), out, notes);
}

}  // namespace crm::render::detail
