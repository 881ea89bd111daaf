// csv and tsv: a header row, then one row per record, streamed.
//
// Columns are --fields when given, else the flattened keys of the first record. Later records
// are written against those same columns (keys they add are dropped, keys they lack are
// empty): a delimited file has one header, and buffering the whole export to find every key
// would break `--all` streaming.
//
// Line endings are LF, not RFC 4180's CRLF: cut, awk, sort and friends expect LF, and every
// CSV reader we know accepts it. Non-ASCII text passes through as UTF-8, unchanged.
#include "render/internal.h"

#include <ostream>

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

class DelimitedRenderer : public Renderer {
public:
    DelimitedRenderer(Format format, Options options, std::ostream& out)
        : tsv_(format == Format::tsv), options_(std::move(options)), out_(out) {}

    // With --fields the columns are known now, so even an empty list gets its header row.
    void begin_list() override {
        columns_.reset();
        if (!options_.fields.empty()) set_columns(options_.fields);
    }

    void record(const json::Value& record) override {
        if (!columns_) set_columns(columns_for(options_, record));
        std::vector<std::string> cells;
        cells.reserve(columns_->size());
        for (const auto& column : *columns_) cells.push_back(cell_text(record, column));
        write_row(cells);
    }

    void end_list() override {}

    void single(const json::Value& record) override {
        begin_list();
        this->record(record);
    }

private:
    void set_columns(std::vector<std::string> columns) {
        columns_ = std::move(columns);
        if (options_.headers && !columns_->empty()) write_row(*columns_);
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
    std::optional<std::vector<std::string>> columns_;  // decided by --fields or the first record
};

}  // namespace

std::unique_ptr<Renderer> make_delimited(Format format, Options options, std::ostream& out) {
    return std::make_unique<DelimitedRenderer>(format, std::move(options), out);
}

}  // namespace detail

}  // namespace crm::render
