// The one description of the API's entities. Every generic command (list, get, create,
// update, delete, tags, forms, bulk) is generated from these rows; adding an entity or a
// filter is one line here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::api {

enum class FilterKind {
    text,     // sent as given
    list,     // comma-separated ids/labels; repeated flags are joined with ','
    boolean,  // true|false
    date,     // ISO 8601 (a real calendar date) or relative (90d, yesterday: api/dates.h)
    number,   // non-negative integer
};

struct Filter {
    std::string flag;   // without dashes: "contact-id"
    std::string param;  // query parameter: "contactId"
    FilterKind kind;
    std::string help;
};

// An action on one record that needs no body: PATCH /leads/{id}/archive.
struct IdAction {
    std::string name;    // command name: "archive"
    std::string method;  // "PATCH"
    std::string suffix;  // "archive" → {path}/{id}/archive
    bool many;           // accepts several ids (run concurrently)
    std::string help;
    std::string prints_entity;  // the answer is a record of another entity ("opportunities")
};

// A flag that names a record of a child resource by its name or id, resolved by a read before
// the write (CLI.md §12): `--case-type "Support Request"` → "caseTypeId": "1" on create and
// update. On list, a filter of the same flag takes the name too (sent as the id); without one,
// the records are filtered client-side on `field`.
struct NameRef {
    std::string flag;                    // "case-type"
    std::string field;                   // the record's field: "caseTypeId"
    std::string lists;                   // the child resource that lists them: "types"
    std::vector<std::string> name_keys;  // where a name is: "label", "name"
    std::string help;
};

// The type a field has in the reference's schema, which decides how an import's CSV cell is
// read (CLI.md §11): the reference's examples show ids, keys and dates as strings even when
// they hold digits ("organizationId": "456"), amounts as numbers.
enum class FieldType {
    text,        // always a string: "2" stays "2"
    number,      // a JSON number
    boolean,     // true or false
    structured,  // an array or object as JSON text; other text is a string (tags "vip", an address)
};

struct Field {
    std::string path;  // dotted, as -o csv names its column: "value.amount"
    FieldType type;
};

enum Op : unsigned { kList = 1, kGet = 2, kCreate = 4, kUpdate = 8, kDelete = 16, kAll = 31 };

struct Resource {
    std::string name;                  // command name: "leads"
    std::vector<std::string> aliases;  // "opps", and the singular: "crm lead get 1" reads as English
    std::string singular;              // "lead", for messages
    std::string parent;                // "" for top level, "cases" for case types
    std::string path;                  // collection: "/pipeline/leads"
    unsigned ops = kAll;
    std::string required;              // the field a create needs: "title"
    std::string tags_path;             // "" when the entity has no tags
    std::string form_path;             // "" when the entity has no form
    std::string bulk_path;             // "/pipeline/bulk-actions"
    std::string bulk_entity;           // "lead"
    bool mergeable = false;            // POST {path}/{id}/merge
    bool has_status_and_stage = false; // PATCH {path}/{id}/updateStatus and …/updateStage
    std::vector<Filter> filters;       // named list filters (CLI.md §2)
    std::vector<std::string> columns;  // default table columns
    std::vector<IdAction> id_actions;  // archive, unarchive, convert …
    std::vector<NameRef> names;        // name-aware flags (--pipeline, --case-type)
    std::vector<Field> fields;         // the record's documented fields and their types
    // What the examples of the generated commands (--help, man pages) type for this entity:
    // a list filter, and the fields of a create or update.
    std::string example_filter;        // "--title cloud --archived false"
    std::string example_fields;        // "-f title='Cloud migration' -F value.amount=25000"
};

// The type of a dotted field path in the resource's schema; nullopt when the schema does not
// know it (custom fields, anything undocumented).
std::optional<FieldType> field_type(const Resource& resource, std::string_view path);

const std::vector<Resource>& resources();

// By name or alias ("opps", "organizations"), nullptr when unknown. Only top-level entities
// (children such as case types are reached through their parent).
const Resource* find_entity(std::string_view name);

// A child resource ("opportunities", "pipelines"); Error (exit 1) when the table lacks it.
const Resource& child_of(std::string_view parent, std::string_view name);

// The entity words accepted by tags/forms/bulk for error messages and completions.
std::vector<std::string> entity_names();

// "a lead", "an opportunity": the singular with its article, for sentences.
std::string a_singular(const Resource& resource);

// "1 lead", "3 leads".
std::string counted(const Resource& resource, std::size_t count);

// An id as a path segment, percent-encoded (ids are opaque strings). An empty or blank id, or
// one with control characters, is a UsageError: an unset `$id` must never turn a command on
// one record into a request on the whole collection (CLI.md §7).
std::string id_segment(std::string_view id);

// {path}/{id}, the id checked and encoded by id_segment.
std::string item_path(const Resource& resource, std::string_view id);

}  // namespace crm::api
