// table: aligned columns for a person at a terminal.
//
// Rows are buffered until the end of a page; the first page sizes the columns and later pages
// reuse those widths (longer cells are cut with "…"), so `--all` keeps flat memory and the
// columns never shift under the reader. Widths are display columns (wcwidth): a CJK character
// takes two, a combining mark none. A column whose values on the first page are all numbers is
// right-aligned. Arrays read as lists ("hot, enterprise"), an opportunity's stage key as its
// label when Options::stage_label knows it.
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

// An array item as a person names it: an object by its label, name, title, value or id (the
// first that is a plain value), anything else as csv shows it.
std::string item_text(const json::Value& item) {
    if (item.IsObject()) {
        for (const char* key : {"label", "name", "title", "value", "id"}) {
            const auto member = item.FindMember(key);
            if (member != item.MemberEnd() && !member->value.IsObject() && !member->value.IsArray() &&
                !member->value.IsNull())
                return json::scalar_text(member->value);
        }
    }
    return json::scalar_text(item);
}

// A value as the table shows it: an array as its items joined by ", ", the rest as csv has it.
std::string readable(const json::Value& value) {
    if (!value.IsArray()) return json::scalar_text(value);
    std::string out;
    for (const auto& item : value.GetArray()) {
        if (!out.empty()) out += ", ";
        out += item_text(item);
    }
    return out;
}

struct Cell {
    std::string text;  // escaped, ready to print
    bool number = false;
    bool empty = true;  // missing or null: says nothing about the column's kind
};

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
        std::vector<Cell> cells;
        cells.reserve(columns_.size());
        for (const auto& column : columns_) cells.push_back(cell(record, column, json::find(record, column)));
        rows_.push_back(std::move(cells));
    }

    void end_page() override {
        if (rows_.empty()) return;
        if (widths_.empty()) size_columns_and_print_header();
        for (const auto& cells : rows_) print_row(texts(cells), widths_, false);
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
                lines.emplace_back(header_text(key), cell(record, key, value).text);
        } else {
            for (const auto& field : options_.fields)
                lines.emplace_back(header_text(field), cell(record, field, json::find(record, field)).text);
        }
        size_t key_width = 0;
        for (const auto& line : lines) key_width = std::max(key_width, display_width(line.first));
        const std::vector<size_t> widths{key_width, std::string::npos};  // values are never cut short
        for (auto& [key, value] : lines) print_row({key, value}, widths, false);
    }

private:
    // The cell of `column` (`value` is the record's value there, null when it has none).
    Cell cell(const json::Value& record, std::string_view column, const json::Value* value) const {
        if (!value || value->IsNull()) return {};
        std::string text = readable(*value);
        if (column == "stage" && options_.stage_label && value->IsString()) {
            const json::Value* pipeline = json::find(record, "pipelineId");
            if (pipeline && !pipeline->IsNull()) {
                if (auto label = options_.stage_label(json::scalar_text(*pipeline), text)) text = std::move(*label);
            }
        }
        return {term::escape_controls(text), value->IsNumber(), false};
    }

    static std::vector<std::string> texts(const std::vector<Cell>& cells) {
        std::vector<std::string> out;
        out.reserve(cells.size());
        for (const auto& c : cells) out.push_back(c.text);
        return out;
    }

    // --fields, else the entity's default columns, else every field of the first record.
    std::vector<std::string> list_columns(const json::Value& first) const {
        if (options_.fields.empty() && !options_.default_columns.empty()) return options_.default_columns;
        return columns_for(options_, first);
    }

    void size_columns_and_print_header() {
        std::vector<std::string> header;
        for (const auto& column : columns_) header.push_back(header_text(column));
        widths_.assign(columns_.size(), 0);
        right_.assign(columns_.size(), false);
        for (size_t i = 0; i < columns_.size(); ++i) {
            if (options_.headers) widths_[i] = display_width(header[i]);
            bool numbers = true, any = false;
            for (const auto& cells : rows_) {
                widths_[i] = std::max(widths_[i], display_width(cells[i].text));
                if (cells[i].empty) continue;
                any = true;
                numbers = numbers && cells[i].number;
            }
            right_[i] = any && numbers;
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
            const std::string cell = fit(cells[i], widths[i]);
            const size_t blank = widths[i] == std::string::npos ? 0 : widths[i] - std::min(widths[i], display_width(cell));
            const bool right = i < right_.size() && right_[i];
            if (right) line.append(blank, ' ');
            line.append(cell);
            if (!right && i + 1 < cells.size()) line.append(blank, ' ');
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
    std::vector<bool> right_;                    // numbers: right-aligned (from the first page)
    std::vector<std::vector<Cell>> rows_;        // the current page
    bool any_records_ = false;
};

}  // namespace

std::unique_ptr<Renderer> make_table(Options options, std::ostream& out, std::ostream& notes) {
    return std::make_unique<TableRenderer>(std::move(options), out, notes);
}

}  // namespace crm::render::detail
