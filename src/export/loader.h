// Writes records into the export database: the schema (schema.h), custom-field columns,
// upserts with prepared statements, the lookup tables, the id sweep and the watermarks.
#pragma once
#include "export/schema.h"
#include "export/sqlite_db.h"
#include "json/json.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace crm::exporting {

// A custom field of a form and the column it became.
struct CustomColumn {
    std::string field_id;  // the key in the record's customFields
    std::string label;
    std::string type;      // the form's field type ("number", "text", "monetary", …)
    std::string column;    // "cf_<label>"
};

// The custom fields of a form's field list: every field whose category is not "default".
// Column names come from the labels ("Contract Start" → cf_contract_start), kept unique within
// `taken` (the table's other columns), which they are added to.
std::vector<CustomColumn> custom_columns(const json::Value& fields, std::vector<std::string>& taken);

class Loader {
public:
    // `fresh`: the database is new, so an upsert need not clear earlier link rows.
    Loader(Db& db, bool fresh);
    ~Loader();
    Loader(const Loader&) = delete;
    Loader& operator=(const Loader&) = delete;

    // The custom fields of `entity` (from its form): a field already exported keeps its column
    // (stable names across runs), a new one gets a new column. Call before the first upsert.
    void add_custom_fields(const EntityTable& entity, const json::Value& form_fields);

    // Inserts or replaces a record and its link rows. With `sweeping`, its id is remembered so
    // that sweep() can remove the records the walk did not see.
    void upsert(const EntityTable& entity, const json::Value& record, bool sweeping);
    // The top-level fields of `entity`'s records that no column or link table holds, seen so
    // far (the export names them in a warning rather than drop them unnoticed).
    const std::set<std::string, std::less<>>& unexported(const EntityTable& entity);
    // Removes the records of `entity` not upserted with `sweeping` in this run; returns how many.
    long sweep(const EntityTable& entity);

    // Lookup tables, replaced whole on every run.
    void clear_lookups();
    void pipeline(const json::Value& pipeline);    // and its stages
    void case_type(const json::Value& case_type);  // and its workflow statuses
    void tag(const std::string& entity, const json::Value& tag);

    // Per-entity state: the newest update time exported, and run counters.
    std::optional<std::string> watermark(const EntityTable& entity);
    void set_watermark(const EntityTable& entity, const std::string& updated_at);
    long meta_int(const std::string& key, long fallback);
    void set_meta(const std::string& key, const std::string& value);

    // The indexes of `entity`, once its records are in (building them then is faster than
    // keeping them up to date through every insert).
    void index(const EntityTable& entity);
    // Every table's indexes and the views, at the end of a run.
    void finish();

private:
    struct Writer;
    Writer& writer(const EntityTable& entity);
    Db& db_;
    bool fresh_;
    std::map<std::string, std::vector<CustomColumn>> custom_;  // by entity table
    std::map<std::string, std::unique_ptr<Writer>> writers_;
};

}  // namespace crm::exporting
