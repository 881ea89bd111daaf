// The rows of `crm ENTITY import` (CLI.md §11): read from CSV (as `-o csv` writes it), NDJSON or
// a JSON array, each typed, checked and turned into the body to send before anything is sent.
#pragma once
#include "api/resources.h"
#include "json/json.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::bulk {

enum class InputFormat { csv, ndjson, json };

// --format when given; else the file's extension (.csv, .ndjson or .jsonl, .json); else the
// first character that is not a space: '[' a JSON array, '{' NDJSON, anything else CSV.
InputFormat input_format(const std::optional<std::string>& flag, std::string_view path, std::string_view text);

struct Row {
    size_t number = 0;    // 1-based: the Nth record of the input (in a CSV, after the header)
    std::string source;   // the record as read: a CSV record, an NDJSON line, a JSON element
    json::Document body;  // what is sent: the record without its id
    std::string id;       // the record's id, when it has one
    bool update = false;  // PATCH {path}/{id}: --update-by id and the row has an id
};

struct RowOptions {
    bool update_by_id = false;               // --update-by id
    std::vector<std::string> string_fields;  // --string-fields: CSV cells always strings
};

struct Input {
    InputFormat format = InputFormat::csv;
    std::string header;  // a CSV's header record, as read
    std::vector<Row> rows;
};

// Reads and checks every row: a CSV cell takes its field's type (api::cell_value), an empty
// cell is left out; each row must be an object, a create must carry the resource's required
// field, an update something to change. Any bad row is a UsageError naming the rows (the
// first few, with the reason), so nothing is sent.
Input read_rows(std::string_view text, InputFormat format, const api::Resource& resource, const RowOptions& options);

// --failed-out: these rows in the input's format (a CSV with its header, NDJSON lines, a JSON array).
std::string write_rows(const Input& input, const std::vector<const Row*>& rows);

}  // namespace crm::bulk
