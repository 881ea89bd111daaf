// Output formats of CLI.md §4. A renderer receives records one at a time and writes them as
// they come, so `--all` streams with flat memory (the aligned table is the exception: it
// sizes its columns from the first page).
#pragma once
#include "json/json.h"
#include "render/format.h"

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::render {

class JqProgram;  // render/jq.h

struct Options {
    std::vector<std::string> fields;           // --fields: dotted paths, selected and ordered (checked_fields)
    std::vector<std::string> default_columns;  // the entity's table columns when no --fields
    bool headers = true;                       // --no-headers turns off csv/tsv/table headers
    bool pretty = false;                       // json: indented (on a terminal)
    bool color = false;                        // table: bold header
    int width = 0;                             // table: truncate rows to this many columns; 0 = no limit
    // table: the label of a stage key in a pipeline (an opportunity's "stage" column shows it),
    // nullopt when unknown; unset: the key is shown.
    std::function<std::optional<std::string>(const std::string& pipeline_id, const std::string& stage_key)> stage_label;
    // Warnings while rendering (a csv column that turns up after the header). Unset: a
    // "crm: warning: ..." line on the notes stream.
    std::function<void(std::string_view message)> warn;
    // --jq (CLI.md §10): when set, the program's results are the output, whatever the format:
    // one a line, a string raw, anything else compact JSON. It runs on each record as it comes
    // (on what -o ndjson would print, --fields applied) or, with `slurp`, once on their array.
    std::shared_ptr<JqProgram> jq;
    bool slurp = false;
};

class Renderer {
public:
    virtual ~Renderer() = default;
    // A list: begin, any number of records, page boundaries, end.
    virtual void begin_list() = 0;
    virtual void record(const json::Value& record) = 0;
    // A record as its compact JSON text (json::write's, from json/items.h), for a renderer
    // that prints that text anyway: json and ndjson without --fields take it without a DOM.
    // Others parse it.
    virtual bool takes_text() const { return false; }
    virtual void record_text(std::string_view compact) { record(json::parse(compact)); }
    virtual void end_page() {}  // the table prints what it has buffered (first page sizes columns)
    virtual void end_list() = 0;
    // A single record (get, create, update …).
    virtual void single(const json::Value& record) = 0;
};

// `notes` receives the table's "no results" note (stderr). Throws crm::UsageError for a bad
// --fields path (see checked_fields).
std::unique_ptr<Renderer> make_renderer(Format format, Options options, std::ostream& out, std::ostream& notes);

// --fields values ("id,title" or repeated flags) as paths: split at commas and trimmed. An
// empty path ("id,,title") or a malformed one (".a", "a..b", "a.") is a crm::UsageError: it
// would silently print an empty column.
std::vector<std::string> checked_fields(const std::vector<std::string>& fields);

// Flattens an object to dotted keys in document order (arrays stay whole), as csv and the
// table see it: {"a":{"b":1},"c":[1]} → a.b=1, c=[1].
std::vector<std::pair<std::string, const json::Value*>> flatten(const json::Value& record);

// RFC 4180 field quoting (comma/quote/CR/LF → quoted, quotes doubled); tsv escapes \t \n \r \\.
std::string csv_field(std::string_view text);
std::string tsv_field(std::string_view text);

}  // namespace crm::render
