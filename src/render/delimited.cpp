// csv and tsv: a header row, then one row per record, streamed.
//
// Columns never depend on which record comes first. They are --fields when given; else the
// entity's known columns followed by every other key of the first page's records, in the
// order first seen. The first page is buffered to find them; later pages stream against that
// header (a delimited file has one), and a key that turns up only then is named in one
// warning, with --fields as the way to include it, rather than vanishing unnoticed.
//
// Line endings are LF, not RFC 4180's CRLF: cut, awk, sort and friends expect LF, and every
// CSV reader we know accepts it. Non-ASCII text passes through as UTF-8, unchanged.
#include "render/internal.h"

#include <fmt/format.h>

#include <ostream>
#include <set>

namespace crm::render {

std::string csv_field(std::string_view text) {
    // Leading or trailing spaces are quoted too: some readers trim unquoted fields.
    bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                 (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// The escapes of PostgreSQL's text COPY format (and of `mlr --tsv`): a field never contains a
// raw tab or line break, so every line is a record and `cut -f` just works.
std::string tsv_field(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
    return out;
}

namespace detail {

namespace {

// The header's columns, and whether a flattened key's data has a place under them: its own
// column, a parent's (which prints the whole object) or a child's (the key is null, a scalar
// or {} where other records have an object).
class Columns {
public:
    // Exactly these (--fields may overlap on purpose: "owner,owner.name").
    explicit Columns(const std::vector<std::string>& names) : names_(names), set_(names.begin(), names.end()) {}

    const std::vector<std::string>& names() const { return names_; }

    void add_if_new(const std::string& name) {
        if (!covers(name)) {
            names_.push_back(name);
            set_.insert(name);
        }
    }

    bool covers(const std::string& key) const {
        for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
            if (set_.count(key.substr(0, dot))) return true;
        }
        if (set_.count(key)) return true;
        auto child = set_.lower_bound(key + ".");
        return child != set_.end() && child->starts_with(key + ".");
    }

private:
    std::vector<std::string> names_;
    std::set<std::string> set_;
};

class DelimitedRenderer : public Renderer {
public:
    DelimitedRenderer(Format format, Options options, std::ostream& out)
        : tsv_(format == Format::tsv), options_(std::move(options)), out_(out) {}

    // With --fields the columns are known now: no buffering, no warnings.
    void begin_list() override {
        columns_.reset();
        first_page_.clear();
        warned_.clear();
        if (!options_.fields.empty()) {
            columns_.emplace(options_.fields);
            write_header();
        }
    }

    void record(const json::Value& record) override {
        if (!columns_) {
            json::Document& copy = first_page_.emplace_back();
            copy.CopyFrom(record, copy.GetAllocator());
            return;
        }
        if (options_.fields.empty()) warn_about_new_keys(record);
        write_record(record);
    }

    // The end of the first page decides the columns; an empty list still gets its header.
    void end_page() override {
        if (columns_) return;
        columns_.emplace(options_.default_columns);
        for (const auto& record : first_page_) {
            for (const auto& entry : flatten(record)) columns_->add_if_new(entry.first);
        }
        write_header();
        for (const auto& record : first_page_) write_record(record);
        first_page_.clear();
    }

    void end_list() override { end_page(); }

    void single(const json::Value& record) override {
        begin_list();
        this->record(record);
        end_list();
    }

private:
    void warn_about_new_keys(const json::Value& record) {
        for (const auto& entry : flatten(record)) {
            const std::string& key = entry.first;
            if (columns_->covers(key) || !warned_.insert(key).second) continue;
            options_.warn(fmt::format("field '{}' first appears after the first page and is not in the {} header; "
                                      "name it in --fields to include it",
                                      key, tsv_ ? "tsv" : "csv"));
        }
    }

    void write_header() {
        if (options_.headers && !columns_->names().empty()) write_row(columns_->names());
    }

    void write_record(const json::Value& record) {
        std::vector<std::string> cells;
        cells.reserve(columns_->names().size());
        for (const auto& column : columns_->names()) cells.push_back(cell_text(record, column));
        write_row(cells);
    }

    void write_row(const std::vector<std::string>& cells) {
        std::string line;
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) line += tsv_ ? '\t' : ',';
            line += tsv_ ? tsv_field(cells[i]) : csv_field(cells[i]);
        }
        line += '\n';
        out_ << line;
    }

    bool tsv_;
    Options options_;
    std::ostream& out_;
    std::optional<Columns> columns_;           // set by --fields or at the end of the first page
    std::vector<json::Document> first_page_;  // held until the columns are known
    std::set<std::string> warned_;            // keys already named in a warning
};

}  // namespace

std::unique_ptr<Renderer> make_delimited(Format format, Options options, std::ostream& out) {
    return std::make_unique<DelimitedRenderer>(format, std::move(options), out);
}

}  // namespace detail

}  // namespace crm::render
