#include "export/loader.h"

#include "api/requests.h"
#include "json/members.h"
#include "json/path.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace crm::exporting {

namespace {

const char* kState = "CREATE TABLE IF NOT EXISTS crm_export_state(entity TEXT PRIMARY KEY, watermark TEXT)";
const char* kMeta = "CREATE TABLE IF NOT EXISTS crm_export_meta(key TEXT PRIMARY KEY, value TEXT)";

std::string slug(std::string_view label) {
    std::string out;
    for (unsigned char c : label) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "field" : out;
}

std::string string_of(const json::Value& object, const char* key) {
    if (!object.IsObject()) return {};
    auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

// A value in a column of `type`: NULL when missing or null; numbers from numeric text too
// (a custom "Number" field holds "1"); booleans as 0/1; objects and arrays as JSON text.
void bind_value(Statement& st, int index, const json::Value* value, Type type) {
    if (!value || value->IsNull()) return st.bind_null(index);
    switch (type) {
        case Type::real:
            if (value->IsNumber()) return st.bind_real(index, value->GetDouble());
            if (value->IsString()) {
                double number = 0;
                const char* begin = value->GetString();
                const char* end = begin + value->GetStringLength();
                auto [at, error] = std::from_chars(begin, end, number);
                if (error == std::errc() && at == end) return st.bind_real(index, number);
            }
            return st.bind_null(index);
        case Type::integer:
            if (value->IsBool()) return st.bind_int(index, value->GetBool() ? 1 : 0);
            if (value->IsInt64()) return st.bind_int(index, value->GetInt64());
            if (value->IsString()) {
                const std::string_view text(value->GetString(), value->GetStringLength());
                if (text == "true" || text == "false") return st.bind_int(index, text == "true");
            }
            return st.bind_null(index);
        case Type::text:
            // A string binds from the document: no std::string made for it per column and record.
            if (value->IsString()) return st.bind_text_view(index, {value->GetString(), value->GetStringLength()});
            return st.bind_text(index, json::scalar_text(*value));
    }
}

const json::Value* first_of(const json::Value& record, const std::vector<std::string>& paths) {
    for (const auto& path : paths) {
        if (const json::Value* value = json::find(record, path); value && !value->IsNull()) return value;
    }
    return nullptr;
}
// A dotted path in the records of one table: its first name found by the table's Members, the
// rest by a Path.
struct Field {
    size_t member;
    json::Path rest;

    Field(json::Members& members, std::string_view dotted)
        : member(members.want(dotted.substr(0, dotted.find('.')))),
          rest(dotted.find('.') == std::string_view::npos ? std::string_view() : dotted.substr(dotted.find('.') + 1)) {}

    const json::Value* find(const json::Members& members) const {
        const json::Value* top = members.at(member);
        return top ? rest.find(*top) : nullptr;
    }
};

const json::Value* first_of(const json::Members& members, const std::vector<Field>& fields) {
    for (const auto& field : fields) {
        if (const json::Value* value = field.find(members); value && !value->IsNull()) return value;
    }
    return nullptr;
}

// The link column a list element that is a plain string goes to: a tag's label, an email's or
// phone's value, a person's id.
size_t plain_column(ListShape shape) { return shape == ListShape::people ? 1 : 2; }

// A custom field's column type: numbers for a "number" field, text for the rest (dates stay
// ISO 8601 text; objects such as a monetary value or a range are JSON text).
Type column_type(const CustomColumn& column) { return column.type == "number" ? Type::real : Type::text; }

std::string placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
    return out;
}

}  // namespace

std::vector<CustomColumn> custom_columns(const json::Value& fields, std::vector<std::string>& taken) {
    std::vector<CustomColumn> out;
    if (!fields.IsArray()) return out;
    for (const auto& field : fields.GetArray()) {
        const std::string id = string_of(field, "id");
        const std::string category = string_of(field, "category");
        if (id.empty() || category == "default" || category.empty()) continue;
        const std::string label = string_of(field, "label");
        std::string column = "cf_" + slug(label.empty() ? id : label);
        for (int n = 2; std::find(taken.begin(), taken.end(), column) != taken.end(); ++n)
            column = fmt::format("cf_{}_{}", slug(label.empty() ? id : label), n);
        taken.push_back(column);
        out.push_back({id, label, string_of(field, "type"), column});
    }
    return out;
}

// The prepared statements of one entity table.
struct Loader::Writer {
    const EntityTable& entity;
    std::vector<CustomColumn> custom;
    Statement upsert;
    std::vector<Statement> clear_links, insert_links;
    Statement remember, sweep;
    // Where the values are in a record: by column, by custom column, by link and link column.
    // Every top-level field with a place in the table is wanted by `members`.
    json::Members members;
    std::vector<std::vector<Field>> column_fields;
    Field id{members, "id"}, custom_fields{members, "customFields"};
    std::vector<json::Path> custom_paths;
    std::vector<Field> link_lists;
    std::vector<std::vector<json::Path>> link_paths;
    std::set<std::string, std::less<>> unexported;  // the top-level fields seen that have no place

    static std::string upsert_sql(const EntityTable& e, const std::vector<CustomColumn>& custom) {
        std::vector<std::string> names;
        for (const auto& c : e.columns) names.push_back(c.name);
        for (const auto& c : custom) names.push_back(quote_identifier(c.column));
        return fmt::format("INSERT OR REPLACE INTO {}({}) VALUES({})", e.table, fmt::join(names, ","),
                           placeholders(names.size()));
    }

    Writer(Db& db, const EntityTable& e, std::vector<CustomColumn> c)
        : entity(e), custom(std::move(c)), upsert(db.prepare(upsert_sql(e, custom))),
          remember(db.prepare(fmt::format("INSERT OR IGNORE INTO temp.seen_{}(id) VALUES(?)", e.table))),
          sweep(db.prepare(fmt::format("DELETE FROM {0} WHERE id NOT IN (SELECT id FROM temp.seen_{0})", e.table))) {
        for (const auto& column : e.columns) {
            auto& fields = column_fields.emplace_back();
            for (const auto& path : column.paths) fields.emplace_back(members, path);
        }
        for (const auto& column : custom) custom_paths.push_back(json::Path::member(column.field_id));
        for (const auto& link : e.links) {
            link_lists.emplace_back(members, link.field);
            auto& paths = link_paths.emplace_back();
            for (const auto& column : link_columns(link.shape)) paths.emplace_back(column.paths.front());
            clear_links.push_back(db.prepare(fmt::format("DELETE FROM {} WHERE {}=?", link.table, e.key)));
            insert_links.push_back(db.prepare(fmt::format("INSERT INTO {} VALUES({})", link.table,
                                                          placeholders(link_columns(link.shape).size() + 1))));
        }
    }
};

Loader::Loader(Db& db, bool fresh) : db_(db), fresh_(fresh) {
    for (const auto& sql : schema_ddl()) db_.exec(sql);
    db_.exec(kState);
    db_.exec(kMeta);
    for (const auto& entity : entity_tables())
        db_.exec(fmt::format("CREATE TEMP TABLE IF NOT EXISTS seen_{}(id TEXT PRIMARY KEY)", entity.table));
    // The columns earlier runs made for custom fields stay the same (stable names and types).
    Statement known = db_.prepare("SELECT entity, field_id, label, type, column_name FROM custom_fields ORDER BY rowid");
    while (known.step()) custom_[known.text(0)].push_back({known.text(1), known.text(2), known.text(3), known.text(4)});
}

Loader::~Loader() = default;

void Loader::add_custom_fields(const EntityTable& entity, const json::Value& form_fields) {
    auto& columns = custom_[entity.table];
    std::vector<std::string> taken;
    for (const auto& c : entity.columns) taken.push_back(c.name);
    for (const auto& c : columns) taken.push_back(c.column);
    // Fields already exported keep their columns: only the new ones are named here.
    // A field may come twice (case types share fields): once is enough.
    std::set<std::string> known;
    for (const auto& c : columns) known.insert(c.field_id);
    json::Document fresh_fields(rapidjson::kArrayType);
    if (form_fields.IsArray()) {
        for (const auto& field : form_fields.GetArray()) {
            if (known.insert(string_of(field, "id")).second)
                fresh_fields.PushBack(json::copy(field, fresh_fields.GetAllocator()), fresh_fields.GetAllocator());
        }
    }
    Statement record = db_.prepare("INSERT INTO custom_fields VALUES(?,?,?,?,?)");
    for (auto& column : custom_columns(fresh_fields, taken)) {
        db_.exec(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", entity.table, quote_identifier(column.column),
                             sql_type(column_type(column))));
        record.bind_text(1, entity.table);
        record.bind_text(2, column.field_id);
        record.bind_text(3, column.label);
        record.bind_text(4, column.type);
        record.bind_text(5, column.column);
        record.run();
        columns.push_back(std::move(column));
    }
    writers_.erase(entity.table);  // its statements name the columns
}

Loader::Writer& Loader::writer(const EntityTable& entity) {
    auto it = writers_.find(entity.table);
    if (it == writers_.end())
        it = writers_.emplace(entity.table, std::make_unique<Writer>(db_, entity, custom_[entity.table])).first;
    return *it->second;
}

void Loader::upsert(const EntityTable& entity, const json::Value& record, bool sweeping) {
    Writer& w = writer(entity);
    if (w.members.match(record)) {
        for (const auto& name : w.members.unwanted()) w.unexported.insert(name);
    }
    int index = 0;
    for (size_t c = 0; c < entity.columns.size(); ++c)
        bind_value(w.upsert, ++index, first_of(w.members, w.column_fields[c]), entity.columns[c].type);
    const json::Value* custom = w.custom_fields.find(w.members);
    for (size_t c = 0; c < w.custom.size(); ++c)
        bind_value(w.upsert, ++index, custom ? w.custom_paths[c].find(*custom) : nullptr, column_type(w.custom[c]));
    w.upsert.run();

    const json::Value* id_value = w.id.find(w.members);
    const std::string id = id_value ? json::scalar_text(*id_value) : std::string();
    for (size_t l = 0; l < entity.links.size(); ++l) {
        const LinkTable& link = entity.links[l];
        if (!fresh_) {
            w.clear_links[l].bind_text(1, id);
            w.clear_links[l].run();
        }
        const json::Value* list = w.link_lists[l].find(w.members);
        if (!list || list->IsNull()) continue;
        const auto& columns = link_columns(link.shape);
        Statement& insert = w.insert_links[l];
        long position = 0;
        // One element: an object's fields by the link columns' paths, or a plain string in
        // the column that names it (a tag's label, an email's value, a person's id).
        auto add = [&](const json::Value* object, std::string_view plain) {
            insert.bind_text_view(1, id);
            insert.bind_int(2, position++);
            for (size_t c = 1; c < columns.size(); ++c) {
                const int at = static_cast<int>(c) + 2;
                if (object) {
                    bind_value(insert, at, w.link_paths[l][c].find(*object), columns[c].type);
                } else if (c == plain_column(link.shape)) {
                    insert.bind_text_view(at, plain);
                } else {
                    insert.bind_null(at);
                }
            }
            insert.run();
        };
        if (list->IsString()) {
            // "a,b": the reference's comma-joined tag string
            if (link.shape == ListShape::tags) {
                for (const auto& label : api::split_list(list->GetString())) add(nullptr, label);
            } else {
                add(nullptr, list->GetString());
            }
        } else if (list->IsArray()) {
            for (const auto& element : list->GetArray()) {
                if (element.IsObject()) add(&element, {});
                else add(nullptr, json::scalar_text(element));
            }
        }
    }
    if (sweeping) {
        w.remember.bind_text(1, id);
        w.remember.run();
    }
}

const std::set<std::string, std::less<>>& Loader::unexported(const EntityTable& entity) { return writer(entity).unexported; }

long Loader::sweep(const EntityTable& entity) {
    Writer& w = writer(entity);
    for (const auto& link : entity.links)
        db_.exec(fmt::format("DELETE FROM {} WHERE {} NOT IN (SELECT id FROM temp.seen_{})", link.table, entity.key,
                             entity.table));
    w.sweep.run();
    return sqlite3_changes(db_.handle());
}

void Loader::clear_lookups() {
    for (const char* table : {"pipelines", "stages", "case_types", "case_statuses", "tags"})
        db_.exec(fmt::format("DELETE FROM {}", table));
}

namespace {

// The lookup tables' columns (their DDL is in schema.cpp), by the paths of the API's objects.
const std::vector<Column> kPipeline{{"id", {"id"}}, {"name", {"name"}}, {"is_default", {"isDefault"}, Type::integer},
                                    {"created_at", {"createdAt", "createdOn"}}, {"updated_at", {"updatedAt"}}};
const std::vector<Column> kStage{{"key", {"key"}}, {"label", {"label"}}, {"position", {"order"}, Type::integer},
                                 {"probability", {"probability"}, Type::real}};
const std::vector<Column> kCaseType{{"id", {"id"}}, {"label", {"label"}}, {"created_at", {"createdAt", "createdOn"}},
                                    {"updated_at", {"updatedAt"}}};
const std::vector<Column> kCaseStatus{{"status", {"id"}}, {"label", {"data.label"}}, {"position", {}, Type::integer}};

// A row of `table` from `object`, after its parent's id when there is one; a column without a
// path takes `position`.
void insert_row(Db& db, const std::string& table, const std::vector<Column>& columns, const json::Value& object,
                const json::Value* parent = nullptr, long position = 0) {
    Statement st = db.prepare(fmt::format("INSERT OR REPLACE INTO {} VALUES({})", table,
                                          placeholders(columns.size() + (parent ? 1 : 0))));
    int index = 0;
    if (parent) bind_value(st, ++index, json::find(*parent, "id"), Type::text);
    for (const auto& column : columns) {
        if (column.paths.empty()) st.bind_int(++index, position);
        else bind_value(st, ++index, first_of(object, column.paths), column.type);
    }
    st.run();
}

// Rows of a child table from the array at `path` of `parent`, numbered from 1.
void insert_children(Db& db, const std::string& table, const std::vector<Column>& columns, const json::Value& parent,
                     const char* path) {
    const json::Value* children = json::find(parent, path);
    if (!children || !children->IsArray()) return;
    long position = 0;
    for (const auto& child : children->GetArray()) insert_row(db, table, columns, child, &parent, ++position);
}

}  // namespace

void Loader::pipeline(const json::Value& p) {
    insert_row(db_, "pipelines", kPipeline, p);
    insert_children(db_, "stages", kStage, p, "stages");
}

void Loader::case_type(const json::Value& t) {
    insert_row(db_, "case_types", kCaseType, t);
    insert_children(db_, "case_statuses", kCaseStatus, t, "workflow.status");
}

void Loader::tag(const std::string& entity, const json::Value& t) {
    Statement st = db_.prepare("INSERT OR REPLACE INTO tags VALUES(?,?,?,?)");
    st.bind_text(1, entity);
    bind_value(st, 2, json::find(t, "id"), Type::text);
    bind_value(st, 3, json::find(t, "label"), Type::text);
    bind_value(st, 4, json::find(t, "color"), Type::text);
    st.run();
}

std::optional<std::string> Loader::watermark(const EntityTable& entity) {
    Statement st = db_.prepare("SELECT watermark FROM crm_export_state WHERE entity=?");
    st.bind_text(1, entity.table);
    std::optional<std::string> value;
    while (st.step()) {
        if (!st.is_null(0)) value = st.text(0);
    }
    return value;
}

void Loader::set_watermark(const EntityTable& entity, const std::string& updated_at) {
    Statement st = db_.prepare("INSERT OR REPLACE INTO crm_export_state VALUES(?,?)");
    st.bind_text(1, entity.table);
    st.bind_text(2, updated_at);
    st.run();
}

long Loader::meta_int(const std::string& key, long fallback) {
    Statement st = db_.prepare("SELECT value FROM crm_export_meta WHERE key=?");
    st.bind_text(1, key);
    long value = fallback;
    while (st.step()) value = st.integer(0);
    return value;
}

void Loader::set_meta(const std::string& key, const std::string& value) {
    Statement st = db_.prepare("INSERT OR REPLACE INTO crm_export_meta VALUES(?,?)");
    st.bind_text(1, key);
    st.bind_text(2, value);
    st.run();
}

void Loader::index(const EntityTable& entity) {
    for (const auto& sql : index_ddl(entity)) db_.exec(sql);
}

void Loader::finish() {
    for (const auto& entity : entity_tables()) index(entity);
    for (const auto& sql : view_ddl()) db_.exec(sql);
}

}  // namespace crm::exporting
