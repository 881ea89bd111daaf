#include "export/schema.h"

#include "api/resources.h"

#include <fmt/format.h>

namespace crm::exporting {

namespace {

Column text(std::string name, std::string path, std::string references = {}) {
    return {std::move(name), {std::move(path)}, Type::text, std::move(references)};
}
Column real(std::string name, std::string path) { return {std::move(name), {std::move(path)}, Type::real}; }
Column flag(std::string name, std::string path) { return {std::move(name), {std::move(path)}, Type::integer}; }

// A user object of the reference ({"id","name","email"}) as three columns: owner_id, owner_name, …
void person(std::vector<Column>& columns, const std::string& prefix, const std::string& path) {
    columns.push_back(text(prefix + "_id", path + ".id"));
    columns.push_back(text(prefix + "_name", path + ".name"));
    columns.push_back(text(prefix + "_email", path + ".email"));
}

// What every record has at its end: who owns, created and last updated it, and when.
void stamps(std::vector<Column>& columns) {
    person(columns, "owner", "owner");
    person(columns, "creator", "creator");
    person(columns, "last_updated_by", "lastUpdatedBy");
    columns.push_back(text("tenant_id", "tenantId"));
    columns.push_back({"created_at", {"createdAt", "createdOn"}, Type::text});
    columns.push_back(text("updated_at", "updatedAt"));
}

// organizationId, or the reference's other spelling {"organization": {"id", "name"}}.
Column link_id(const std::string& name, const std::string& field, const std::string& object,
               const std::string& references) {
    return {name, {field, object + ".id"}, Type::text, references};
}

std::vector<EntityTable> build() {
    std::vector<EntityTable> t;
    const Column org = link_id("organization_id", "organizationId", "organization", "organizations(id)");
    const Column contact = link_id("contact_id", "contactId", "contact", "contacts(id)");

    std::vector<Column> lead{text("id", "id"), text("title", "title"), real("value_amount", "value.amount"),
                             text("value_code", "value.code"), text("origin", "origin"),
                             text("lead_rating", "leadRating"), text("note", "note"), org, contact,
                             flag("is_archived", "isArchived"), flag("is_converted", "isConverted"),
                             text("opportunity_id", "opportunityId", "opportunities(id)")};  // once converted
    stamps(lead);
    t.push_back({"leads", "leads", "lead_id", lead,
                 {{"lead_tags", "tags", ListShape::tags},
                  {"lead_followers", "followers", ListShape::people},
                  {"lead_participants", "participants", ListShape::people}}});

    std::vector<Column> opportunity{text("id", "id"), text("title", "title"), real("value_amount", "value.amount"),
                                    text("value_code", "value.code"), text("pipeline_id", "pipelineId", "pipelines(id)"),
                                    text("stage_key", "stage"), text("status", "status"),
                                    text("lost_reason_id", "lostReason.reasonId"),
                                    text("lost_reason_comment", "lostReason.comment"), text("origin", "origin"),
                                    text("lead_rating", "leadRating"), text("note", "note"), org, contact,
                                    text("lead_id", "leadId", "leads(id)")};  // converted from
    stamps(opportunity);
    t.push_back({"opportunities", "opportunities", "opportunity_id", opportunity,
                 {{"opportunity_tags", "tags", ListShape::tags},
                  {"opportunity_followers", "followers", ListShape::people},
                  {"opportunity_participants", "participants", ListShape::people}}});

    std::vector<Column> contact_columns{text("id", "id"), text("name", "name"), text("job_title", "jobTitle"),
                                        org, text("linkedin", "linkedin"), text("seniority_level", "seniorityLevel"),
                                        text("department", "department"), text("note", "note")};
    stamps(contact_columns);
    t.push_back({"contacts", "contacts", "contact_id", contact_columns,
                 {{"contact_tags", "tags", ListShape::tags},
                  {"contact_emails", "email", ListShape::labeled},
                  {"contact_phones", "phone", ListShape::labeled}}});

    std::vector<Column> organization{text("id", "id"), text("name", "name"), text("address", "address"),
                                     text("industry", "industry"), text("size", "size"),
                                     text("annual_revenue", "annualRevenue"), text("website", "website"),
                                     text("note", "note")};
    stamps(organization);
    t.push_back({"organizations", "orgs", "organization_id", organization,
                 {{"organization_tags", "tags", ListShape::tags},
                  {"organization_emails", "email", ListShape::labeled},
                  {"organization_phones", "phone", ListShape::labeled}}});

    std::vector<Column> kase{text("id", "id"), text("title", "title"), text("description", "description"),
                             text("status", "status"), text("case_type_id", "caseTypeId", "case_types(id)"),
                             text("priority", "priority"), text("expected_date", "expectedDate"), org, contact};
    person(kase, "assignee", "assignee");
    stamps(kase);
    t.push_back({"cases", "cases", "case_id", kase,
                 {{"case_tags", "tags", ListShape::tags},
                  {"case_followers", "followers", ListShape::people},
                  {"case_participants", "participants", ListShape::people}}});
    return t;
}

}  // namespace

const std::vector<EntityTable>& entity_tables() {
    static const std::vector<EntityTable> tables = build();
    return tables;
}

const EntityTable* find_entity_table(std::string_view name) {
    const api::Resource* resource = api::find_entity(name);
    for (const auto& table : entity_tables()) {
        if (table.table == name || (resource && resource->name == table.resource)) return &table;
    }
    return nullptr;
}

const std::vector<Column>& link_columns(ListShape shape) {
    static const std::vector<Column> tags{flag("position", ""), text("tag_id", "id"), text("label", "label")};
    static const std::vector<Column> labeled{flag("position", ""), text("label", "label"), text("value", "value"),
                                             flag("is_primary", "primary")};
    static const std::vector<Column> people{flag("position", ""), text("person_id", "id"), text("name", "name"),
                                            text("email", "email")};
    switch (shape) {
        case ListShape::tags: return tags;
        case ListShape::labeled: return labeled;
        case ListShape::people: return people;
    }
    return tags;
}

const char* sql_type(Type type) {
    switch (type) {
        case Type::text: return "TEXT";
        case Type::real: return "REAL";
        case Type::integer: return "INTEGER";
    }
    return "TEXT";
}

std::vector<std::string> schema_ddl() {
    std::vector<std::string> ddl{
        "CREATE TABLE IF NOT EXISTS pipelines(id TEXT PRIMARY KEY, name TEXT, is_default INTEGER, "
        "created_at TEXT, updated_at TEXT)",
        // A stage key is unique within its pipeline only (two pipelines may share one).
        "CREATE TABLE IF NOT EXISTS stages(pipeline_id TEXT NOT NULL REFERENCES pipelines(id), key TEXT NOT NULL, "
        "label TEXT, position INTEGER, probability REAL, PRIMARY KEY(pipeline_id, key))",
        "CREATE TABLE IF NOT EXISTS case_types(id TEXT PRIMARY KEY, label TEXT, created_at TEXT, updated_at TEXT)",
        "CREATE TABLE IF NOT EXISTS case_statuses(case_type_id TEXT NOT NULL REFERENCES case_types(id), "
        "status TEXT NOT NULL, label TEXT, position INTEGER, PRIMARY KEY(case_type_id, status))",
        "CREATE TABLE IF NOT EXISTS tags(entity TEXT NOT NULL, id TEXT NOT NULL, label TEXT, color TEXT, "
        "PRIMARY KEY(entity, id))",
        // The custom fields of the forms and the columns they became (custom_fields.h).
        "CREATE TABLE IF NOT EXISTS custom_fields(entity TEXT NOT NULL, field_id TEXT NOT NULL, label TEXT, "
        "type TEXT, column_name TEXT NOT NULL, PRIMARY KEY(entity, field_id))",
    };
    for (const auto& entity : entity_tables()) {
        std::string sql = fmt::format("CREATE TABLE IF NOT EXISTS {}(", entity.table);
        for (const auto& column : entity.columns) {
            if (&column != &entity.columns.front()) sql += ", ";
            sql += fmt::format("{} {}", column.name, sql_type(column.type));
            if (column.name == "id") sql += " PRIMARY KEY";
            if (!column.references.empty()) sql += " REFERENCES " + column.references;
        }
        // The stage of an opportunity is a key within its pipeline.
        if (entity.table == "opportunities") sql += ", FOREIGN KEY(pipeline_id, stage_key) REFERENCES stages(pipeline_id, key)";
        ddl.push_back(sql + ")");
        for (const auto& link : entity.links) {
            std::string link_sql = fmt::format("CREATE TABLE IF NOT EXISTS {}({} TEXT NOT NULL REFERENCES {}(id)",
                                               link.table, entity.key, entity.table);
            for (const auto& column : link_columns(link.shape))
                link_sql += fmt::format(", {} {}", column.name, sql_type(column.type));
            ddl.push_back(link_sql + ")");
        }
    }
    return ddl;
}

// Every id is a primary key, and the joins of the views and of a BI tool go from a record to
// what it names through those. A link table is read from its record's side (a lead's tags),
// so it gets an index on the record's id. Indexes on the other foreign keys and on updated_at
// were a fifth of an export's time and saved little: at 100,000 records a join or filter
// through them takes tens of milliseconds without (SQLite builds automatic indexes for joins).
std::vector<std::string> index_ddl(const EntityTable& entity) {
    std::vector<std::string> ddl;
    for (const auto& link : entity.links)
        ddl.push_back(fmt::format("CREATE INDEX IF NOT EXISTS {0}_{1} ON {0}({1})", link.table, entity.key));
    return ddl;
}

std::vector<std::string> view_ddl() {
    return {
        "DROP VIEW IF EXISTS v_opportunities",
        "CREATE VIEW v_opportunities AS SELECT o.*, p.name AS pipeline_name, s.label AS stage_label, "
        "s.position AS stage_position, s.probability AS stage_probability, org.name AS organization_name, "
        "c.name AS contact_name FROM opportunities o LEFT JOIN pipelines p ON p.id = o.pipeline_id "
        "LEFT JOIN stages s ON s.pipeline_id = o.pipeline_id AND s.key = o.stage_key "
        "LEFT JOIN organizations org ON org.id = o.organization_id LEFT JOIN contacts c ON c.id = o.contact_id",
        "DROP VIEW IF EXISTS v_leads",
        "CREATE VIEW v_leads AS SELECT l.*, org.name AS organization_name, c.name AS contact_name FROM leads l "
        "LEFT JOIN organizations org ON org.id = l.organization_id LEFT JOIN contacts c ON c.id = l.contact_id",
        "DROP VIEW IF EXISTS v_contacts",
        "CREATE VIEW v_contacts AS SELECT c.*, org.name AS organization_name FROM contacts c "
        "LEFT JOIN organizations org ON org.id = c.organization_id",
        "DROP VIEW IF EXISTS v_cases",
        "CREATE VIEW v_cases AS SELECT k.*, t.label AS case_type_label, cs.label AS status_label, "
        "org.name AS organization_name, c.name AS contact_name FROM cases k "
        "LEFT JOIN case_types t ON t.id = k.case_type_id "
        "LEFT JOIN case_statuses cs ON cs.case_type_id = k.case_type_id AND cs.status = k.status "
        "LEFT JOIN organizations org ON org.id = k.organization_id LEFT JOIN contacts c ON c.id = k.contact_id",
    };
}

}  // namespace crm::exporting
