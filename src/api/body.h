// Request bodies of CLI.md §3: --data, --field, --typed-field, validated before anything is
// sent. Pure apart from the injected file reader.
#pragma once
#include "api/resources.h"
#include "json/json.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace crm::api {

struct BodyInput {
    std::optional<std::string> data;         // -d: JSON text, @FILE or @-
    std::vector<std::string> fields;         // -f KEY=VALUE: string values
    std::vector<std::string> typed_fields;   // -F KEY=VALUE: JSON when it parses, @FILE, else string
    bool empty() const { return !data && fields.empty() && typed_fields.empty(); }
};

// Reads "@FILE" arguments ("-" = standard input). Throws crm::UsageError when unreadable.
using FileReader = std::function<std::string(const std::string& path)>;

// Builds the body: --data first (must be a JSON object unless no fields are applied), then
// -f, then -F. Throws crm::UsageError naming the line and column of invalid JSON, or the
// malformed field. Comments and trailing commas (as in the API reference's examples) are
// accepted; what is sent is always strict JSON.
json::Document build_body(const BodyInput& input, const FileReader& read_file);

// A -F value: the JSON it parses as (numbers, true/false/null, arrays, objects), else the string.
json::Value typed_value(std::string_view text, json::Allocator& alloc);

// An import's CSV cell as its field's type has it (CLI.md §11; resources.h FieldType): text
// stays a string, a number or boolean must be one, structured is JSON when it starts with
// '[' or '{' (and must then parse); a field the schema does not know (nullopt) is typed like
// -F. Throws UsageError saying what the cell should be.
json::Value cell_value(std::optional<FieldType> type, std::string_view text, json::Allocator& alloc);

// Sets KEY=VALUE at a dotted path; "a.b[]" appends to the array a.b.
void set_path(json::Document& doc, std::string_view dotted_key, json::Value value);

// Who is acting, from the profile: fills creator (create) or lastUpdatedBy (update-like
// actions), and tenantId (create) when the body lacks them and the profile has them.
struct Identity {
    std::string user_id, user_name, user_email, tenant_id;
};
enum class Stamp { create, update };
void stamp_identity(json::Document& body, const Identity& identity, Stamp stamp);

}  // namespace crm::api
