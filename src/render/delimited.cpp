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
#include "json/compact.h"
#include "render/internal.h"

#include <fmt/format.h>

#include <deque>
#include <ostream>
#include <set>

namespace crm::render {

namespace {

// Bytes that make a csv field quoted, and those a tsv field escapes: one table look-up a byte.
struct ByteClass {
    bool csv[256] = {};
    bool tsv[256] = {};
    constexpr ByteClass() {
        for (unsigned char c : {',', '"', '\r', '\n'}) csv[c] = true;
        for (unsigned char c : {'\t', '\n', '\r', '\\'}) tsv[c] = true;
    }
};
constexpr ByteClass kByteClass;

bool any_of_class(std::string_view text, const bool (&table)[256]) {
    for (char c : text) {
        if (table[static_cast<unsigned char>(c)]) return true;
    }
    return false;
}

// RFC 4180 field quoting, appended to `out`.
void append_csv_field(std::string_view text, std::string& out) {
    // Leading or trailing spaces are quoted too: some readers trim unquoted fields.
    const bool quote = any_of_class(text, kByteClass.csv) || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// The escapes of PostgreSQL's text COPY format (and of `mlr --tsv`): a field never contains a
// raw tab or line break, so every line is a record and `cut -f` just works.
void append_tsv_field(std::string_view text, std::string& out) {
    if (!any_of_class(text, kByteClass.tsv)) {
        out += text;
        return;
    }
    for (char c : text) {
        switch (c) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string out;
    append_csv_field(text, out);
    return out;
}

std::string tsv_field(std::string_view text) {
    std::string out;
    append_tsv_field(text, out);
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

// The flattened keys of a record's compact text (as flatten() gives them for its DOM), each
// passed to on_key; with `written`, the names as written (escapes kept), which is cheaper and
// tells shapes apart just as well.
// Member lists, one per nesting level, reused from record to record (a deque: a deeper level
// added while a shallower one is being walked leaves that one where it is).
using MemberLevels = std::deque<std::vector<json::compact::Member>>;

template <typename OnKey>
void each_flat_key(std::string_view object, std::string& prefix, bool written, MemberLevels& levels, size_t depth,
                   OnKey&& on_key) {
    if (levels.size() <= depth) levels.resize(depth + 1);
    const auto& members = levels[depth];
    json::compact::members(object, levels[depth]);
    for (const auto& member : members) {
        const size_t length = prefix.size();
        if (written) {
            prefix += member.name;
        } else {
            prefix += json::compact::decoded(member.name);
        }
        // An empty object stays a column of its own ("{}") rather than vanishing.
        if (member.value.front() == '{' && member.value != "{}") {
            prefix += written ? '\x01' : '.';
            each_flat_key(member.value, prefix, written, levels, depth + 1, on_key);
        } else {
            on_key(std::string_view(prefix));
        }
        prefix.resize(length);
    }
}

// Records arrive as compact text (a DOM record is written to text first): the cells are read
// straight out of it (json/compact.h), with what json::find and json::scalar_text would give.
class DelimitedRenderer : public Renderer {
public:
    DelimitedRenderer(Format format, Options options, std::ostream& out)
        : tsv_(format == Format::tsv), options_(std::move(options)), out_(out) {}

    // With --fields the columns are known now: no buffering, no warnings.
    void begin_list() override {
        columns_.reset();
        first_page_.clear();
        warned_.clear();
        covered_shapes_.clear();
        if (!options_.fields.empty()) set_columns(Columns(options_.fields));
    }

    bool takes_text() const override { return true; }
    void record(const json::Value& record) override { record_text(json::write(record)); }

    void record_text(std::string_view record) override {
        if (!columns_) {
            first_page_.emplace_back(record);
            return;
        }
        json::compact::members(record, members_);
        if (options_.fields.empty()) warn_about_new_keys(record);
        write_record(record);
    }

    // The end of the first page decides the columns; an empty list still gets its header.
    void end_page() override {
        if (columns_) return;
        Columns columns(options_.default_columns);
        std::string prefix;
        for (const auto& record : first_page_) {
            each_flat_key(record, prefix, false, levels_, 0,
                          [&](std::string_view key) { columns.add_if_new(std::string(key)); });
        }
        set_columns(std::move(columns));
        for (const auto& record : first_page_) {
            json::compact::members(record, members_);
            write_record(record);
        }
        first_page_.clear();
    }

    void end_list() override { end_page(); }

    void single(const json::Value& record) override {
        begin_list();
        this->record(record);
        end_list();
    }

private:
    // Each column's path split once: the top-level name, and the rest (json::find's path).
    struct Path {
        std::string top;
        std::string rest;
        bool whole = false;  // "": json::find gives the record itself
    };

    void set_columns(Columns columns) {
        columns_.emplace(std::move(columns));
        paths_.clear();
        for (const auto& name : columns_->names()) {
            const size_t dot = name.find('.');
            paths_.push_back({name.substr(0, dot), dot == std::string::npos ? "" : name.substr(dot + 1), name.empty()});
        }
        top_names_.clear();
        slots_.clear();
        if (options_.headers && !columns_->names().empty()) {
            line_.clear();
            for (const auto& name : columns_->names()) append_cell(name);
            end_line();
        }
    }

    // Records of one shape share where each column's top-level member is: found again only when
    // the names differ from the last record's.
    void resolve_slots() {
        bool same = top_names_.size() == members_.size();
        for (size_t i = 0; same && i < members_.size(); ++i) same = top_names_[i] == members_[i].name;
        if (same) return;
        top_names_.assign(members_.size(), {});
        for (size_t i = 0; i < members_.size(); ++i) top_names_[i] = members_[i].name;
        slots_.assign(paths_.size(), -1);
        for (size_t c = 0; c < paths_.size(); ++c) {
            for (size_t i = 0; i < members_.size(); ++i) {
                if (json::compact::name_is(members_[i].name, paths_[c].top)) {
                    slots_[c] = static_cast<long>(i);
                    break;  // the first, as FindMember
                }
            }
        }
    }

    // The record whose top level is in members_.
    void write_record(std::string_view record) {
        resolve_slots();
        line_.clear();
        for (size_t c = 0; c < paths_.size(); ++c) {
            cell_.clear();
            std::string_view value;
            if (paths_[c].whole) {
                value = record;
            } else if (slots_[c] >= 0) {
                value = members_[static_cast<size_t>(slots_[c])].value;
                if (!paths_[c].rest.empty()) value = json::compact::find(value, paths_[c].rest);
            }
            json::compact::append_scalar_text(value, cell_);
            append_cell(cell_);
        }
        end_line();
    }

    void append_cell(std::string_view text) {
        if (cells_in_line_ > 0) line_ += tsv_ ? '\t' : ',';
        ++cells_in_line_;
        if (tsv_) {
            append_tsv_field(text, line_);
        } else {
            append_csv_field(text, line_);
        }
    }

    void end_line() {
        line_ += '\n';
        out_ << line_;
        line_.clear();
        cells_in_line_ = 0;
    }

    // A key outside the header, named once. Records of a shape already seen covered are skipped.
    void warn_about_new_keys(std::string_view record) {
        shape_.clear();
        for (const auto& member : members_) {  // the flattened keys as written, from members_
            shape_ += member.name;
            shape_ += '\x02';
            if (member.value.front() != '{' || member.value == "{}") continue;
            each_flat_key(member.value, prefix_, true, levels_, 0, [&](std::string_view key) {
                shape_ += '\x01';
                shape_ += key;
                shape_ += '\x02';
            });
        }
        if (covered_shapes_.count(shape_)) return;
        each_flat_key(record, prefix_, false, levels_, 0, [&](std::string_view key) {
            const std::string name(key);
            if (columns_->covers(name) || !warned_.insert(name).second) return;
            options_.warn(fmt::format("field '{}' first appears after the first page and is not in the {} header; "
                                      "name it in --fields to include it",
                                      name, tsv_ ? "tsv" : "csv"));
        });
        if (covered_shapes_.size() < kMaxShapes) covered_shapes_.insert(shape_);
    }

    static constexpr size_t kMaxShapes = 1024;  // keeps memory flat whatever the records look like

    bool tsv_;
    Options options_;
    std::ostream& out_;
    std::optional<Columns> columns_;      // set by --fields or at the end of the first page
    std::vector<Path> paths_;             // columns_, split
    std::vector<std::string> first_page_;  // held until the columns are known
    std::set<std::string> warned_;        // keys already named in a warning
    std::set<std::string> covered_shapes_;  // records' key lists (as written) already checked
    std::vector<json::compact::Member> members_;  // the current record's top level
    MemberLevels levels_;                          // each_flat_key's, kept
    std::vector<std::string> top_names_;           // the top-level names slots_ were found for
    std::vector<long> slots_;                      // per column: its member in members_, or -1
    std::string line_, cell_, shape_, prefix_;
    size_t cells_in_line_ = 0;
};

}  // namespace

std::unique_ptr<Renderer> make_delimited(Format format, Options options, std::ostream& out) {
    return std::make_unique<DelimitedRenderer>(format, std::move(options), out);
}

}  // namespace detail

}  // namespace crm::render
