// The export's star schema, as data: one table per entity with flattened scalar columns, link
// tables for the lists a record holds (tags, emails, phones, followers, participants), and the
// lookup tables (pipelines, stages, case types, tags). Column names and types come from here —
// from the record shapes of the API reference — never from whichever record comes first, so
// they are the same from run to run whatever the data. Custom fields are added as columns
// from the forms (custom_fields.h).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crm::exporting {

enum class Type { text, real, integer };  // integer also holds booleans (0/1)

struct Column {
    std::string name;                // "value_amount"
    std::vector<std::string> paths;  // dotted paths in the record, the first present wins
    Type type = Type::text;
    std::string references;          // "pipelines(id)": a foreign key, for the tools that read them
};

// How the elements of a list field become rows of a link table.
enum class ListShape {
    tags,     // "a,b", ["a"] or [{"id","label","color"}] → tag_id, label
    labeled,  // [{"label","value","primary"}] or ["v"] → label, value, is_primary
    people,   // [{"id","name","email"}] → person_id, name, email
};

struct LinkTable {
    std::string table;  // "lead_tags"
    std::string field;  // the record's list: "tags"
    ListShape shape;
};

struct EntityTable {
    std::string table;     // "leads"
    std::string resource;  // its row of the resource table: "leads", "orgs"
    std::string key;       // the column of a link table naming the record: "lead_id"
    std::vector<Column> columns;  // "id" first
    std::vector<LinkTable> links;
};

const std::vector<EntityTable>& entity_tables();

// By table name ("organizations") or by any name of its resource ("orgs", "opps"); nullptr
// when unknown.
const EntityTable* find_entity_table(std::string_view name);

// The columns of a link table after its key column (position first).
const std::vector<Column>& link_columns(ListShape shape);

const char* sql_type(Type type);

// CREATE TABLE / INDEX / VIEW statements of the whole schema but custom fields, in order.
std::vector<std::string> schema_ddl();
// The indexes of an entity's link tables, created after its records are in (cheaper than
// maintaining them row by row).
std::vector<std::string> index_ddl(const EntityTable& entity);
// The views of the common joins (v_opportunities with pipeline and stage labels, …).
std::vector<std::string> view_ddl();

}  // namespace crm::exporting
