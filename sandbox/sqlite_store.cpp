#include "sqlite_store.h"

#include "json_util.h"

#include <stdexcept>

namespace sandbox {
namespace {

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS records(
  seq INTEGER PRIMARY KEY,
  coll TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  name_lc TEXT, created_at TEXT, contact_id TEXT, organization_id TEXT, owner_id TEXT,
  status TEXT, case_type TEXT, is_archived INTEGER, is_converted INTEGER,
  tags TEXT, emails TEXT, phones TEXT, address TEXT,
  UNIQUE(coll, id));
CREATE INDEX IF NOT EXISTS records_seq ON records(coll, seq);
CREATE INDEX IF NOT EXISTS records_created ON records(coll, created_at, seq);
CREATE INDEX IF NOT EXISTS records_name ON records(coll, name_lc, seq);
CREATE INDEX IF NOT EXISTS records_contact ON records(coll, contact_id);
CREATE INDEX IF NOT EXISTS records_org ON records(coll, organization_id);
CREATE INDEX IF NOT EXISTS records_owner ON records(coll, owner_id);
CREATE INDEX IF NOT EXISTS records_status ON records(coll, status);
CREATE TABLE IF NOT EXISTS counters(coll TEXT PRIMARY KEY, next INTEGER NOT NULL);
)sql";

constexpr char kSep = '\x1f';

// The indexed columns of one record, computed from its JSON.
struct Columns {
    std::string name_lc, created_at, contact_id, organization_id, owner_id, status, case_type;
    int is_archived = 0, is_converted = 0;
    std::string tags, emails, phones, address;
};

std::string str_or_id(const Value& obj, const char* plain, const char* nested) {
    if (auto s = get_string(obj, plain)) return *s;
    if (const Value* o = member(obj, nested); o && o->IsObject())
        if (auto s = get_string(*o, "id")) return *s;
    return {};
}

void add_token(std::string& out, std::string_view token) {
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty()) return;
    if (out.empty()) out.push_back(kSep);
    out += ascii_lower(token);
    out.push_back(kSep);
}

// tags may be "a,b", ["a","b"] or [{"id":..,"label":..}]
std::string tag_tokens(const Value* tags) {
    std::string out;
    if (!tags) return out;
    auto add_string_list = [&](std::string_view s) {
        size_t start = 0;
        while (start <= s.size()) {
            size_t comma = s.find(',', start);
            if (comma == std::string_view::npos) comma = s.size();
            add_token(out, s.substr(start, comma - start));
            start = comma + 1;
        }
    };
    if (tags->IsString()) {
        add_string_list({tags->GetString(), tags->GetStringLength()});
    } else if (tags->IsArray()) {
        for (const auto& t : tags->GetArray()) {
            if (t.IsString()) add_token(out, {t.GetString(), t.GetStringLength()});
            else if (t.IsObject()) {
                if (auto s = get_string(t, "id")) add_token(out, *s);
                if (auto s = get_string(t, "label")) add_token(out, *s);
                if (auto s = get_string(t, "name")) add_token(out, *s);
            }
        }
    }
    return out;
}

// email/phone may be a string, ["a"] or [{"value": "a", ...}]
std::string value_tokens(const Value* v) {
    std::string out;
    if (!v) return out;
    if (v->IsString()) add_token(out, {v->GetString(), v->GetStringLength()});
    else if (v->IsArray()) {
        for (const auto& e : v->GetArray()) {
            if (e.IsString()) add_token(out, {e.GetString(), e.GetStringLength()});
            else if (auto s = get_string(e, "value")) add_token(out, *s);
        }
    }
    return out;
}

Columns columns_of(const Value& d) {
    Columns c;
    if (auto s = get_string(d, "title")) c.name_lc = ascii_lower(*s);
    else if (auto n = get_string(d, "name")) c.name_lc = ascii_lower(*n);
    else if (auto l = get_string(d, "label")) c.name_lc = ascii_lower(*l);
    c.created_at = get_string(d, "createdAt").value_or("");
    c.contact_id = str_or_id(d, "contactId", "contact");
    c.organization_id = str_or_id(d, "organizationId", "organization");
    if (const Value* o = member(d, "owner"); o && o->IsObject()) c.owner_id = get_string(*o, "id").value_or("");
    c.status = get_string(d, "status").value_or("");
    c.case_type = get_string(d, "caseTypeId").value_or("");
    if (const Value* b = member(d, "isArchived"); b && b->IsBool()) c.is_archived = b->GetBool();
    if (const Value* b = member(d, "isConverted"); b && b->IsBool()) c.is_converted = b->GetBool();
    c.tags = tag_tokens(member(d, "tags"));
    c.emails = value_tokens(member(d, "email"));
    c.phones = value_tokens(member(d, "phone"));
    if (const Value* a = member(d, "address")) {
        c.address = a->IsString() ? ascii_lower({a->GetString(), a->GetStringLength()}) : ascii_lower(to_json(*a));
    }
    return c;
}

const char* column_of(Field f) {
    switch (f) {
        case Field::Id: return "id";
        case Field::Name: return "name_lc";
        case Field::ContactId: return "contact_id";
        case Field::OrganizationId: return "organization_id";
        case Field::OwnerId: return "owner_id";
        case Field::Status: return "status";
        case Field::CaseTypeId: return "case_type";
        case Field::Email: return "emails";
        case Field::Phone: return "phones";
        case Field::Address: return "address";
        case Field::IsArchived: return "is_archived";
        case Field::IsConverted: return "is_converted";
        case Field::CreatedAt: return "created_at";
    }
    return "id";
}

// A statement with its bound values, run once. Resets itself.
struct Bound {
    sqlite3* db;
    sqlite3_stmt* st;
    int n = 0;
    Bound(sqlite3* d, sqlite3_stmt* s) : db(d), st(s) {}
    ~Bound() {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    Bound(const Bound&) = delete;
    Bound& operator=(const Bound&) = delete;
    Bound& text(const std::string& s) {
        sqlite3_bind_text(st, ++n, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Bound& integer(int64_t v) {
        sqlite3_bind_int64(st, ++n, v);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    std::string column_text(int i) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, i))) : std::string();
    }
};

}  // namespace

SqliteStore::SqliteStore(const std::string& path) {
    const std::string name = path.empty() ? ":memory:" : path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error("cannot open database " + name + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    if (!path.empty()) {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
    }
    exec(kSchema);
    // Approximate statistics are plenty for the planner and take milliseconds.
    exec("PRAGMA analysis_limit=1000");
    // A database from an earlier run: statistics for its current contents.
    if (!path.empty()) exec("ANALYZE");
}

SqliteStore::~SqliteStore() {
    for (auto& [sql, st] : stmts_) sqlite3_finalize(st);
    if (db_) sqlite3_close(db_);
}

void SqliteStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("sqlite: " + msg);
    }
}

sqlite3_stmt* SqliteStore::prepare(const std::string& sql) {
    auto it = stmts_.find(sql);
    if (it != stmts_.end()) return it->second;
    if (stmts_.size() > 256) {  // list queries vary; keep the cache bounded (none is in use here)
        for (auto& [text, old] : stmts_) sqlite3_finalize(old);
        stmts_.clear();
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + " in " + sql);
    stmts_.emplace(sql, st);
    return st;
}

std::string SqliteStore::next_id(const std::string& coll) {
    std::lock_guard lock(mu_);
    auto it = next_ids_.find(coll);
    if (it == next_ids_.end()) {
        int64_t next = 1;
        {
            Bound b(db_, prepare("SELECT next FROM counters WHERE coll=?"));
            b.text(coll);
            if (b.step()) next = sqlite3_column_int64(b.st, 0);
        }
        it = next_ids_.emplace(coll, next).first;
    }
    int64_t id = it->second++;
    Bound b(db_, prepare("INSERT INTO counters(coll, next) VALUES(?, ?) "
                         "ON CONFLICT(coll) DO UPDATE SET next=excluded.next"));
    b.text(coll).integer(it->second);
    b.step();
    return std::to_string(id);
}

std::optional<std::string> SqliteStore::get(const std::string& coll, const std::string& id) {
    std::lock_guard lock(mu_);
    Bound b(db_, prepare("SELECT body FROM records WHERE coll=? AND id=?"));
    b.text(coll).text(id);
    if (!b.step()) return std::nullopt;
    return b.column_text(0);
}

void SqliteStore::put(const std::string& coll, const std::string& id, const std::string& json) {
    Document d = parse_stored(json);
    Columns c = columns_of(d);
    std::lock_guard lock(mu_);
    bool existed;
    {
        Bound b(db_, prepare("SELECT 1 FROM records WHERE coll=? AND id=?"));
        b.text(coll).text(id);
        existed = b.step();
    }
    Bound b(db_, prepare(
        "INSERT INTO records(coll,id,body,name_lc,created_at,contact_id,organization_id,owner_id,"
        "status,case_type,is_archived,is_converted,tags,emails,phones,address) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(coll,id) DO UPDATE SET "
        "body=excluded.body,name_lc=excluded.name_lc,created_at=excluded.created_at,"
        "contact_id=excluded.contact_id,organization_id=excluded.organization_id,"
        "owner_id=excluded.owner_id,status=excluded.status,case_type=excluded.case_type,"
        "is_archived=excluded.is_archived,is_converted=excluded.is_converted,tags=excluded.tags,"
        "emails=excluded.emails,phones=excluded.phones,address=excluded.address"));
    b.text(coll).text(id).text(json).text(c.name_lc).text(c.created_at).text(c.contact_id);
    b.text(c.organization_id).text(c.owner_id).text(c.status).text(c.case_type);
    b.integer(c.is_archived).integer(c.is_converted).text(c.tags).text(c.emails).text(c.phones);
    b.text(c.address);
    b.step();
    if (!existed) {
        auto it = counts_.find(coll);
        if (it != counts_.end()) ++it->second;
    }
}

bool SqliteStore::remove(const std::string& coll, const std::string& id) {
    std::lock_guard lock(mu_);
    Bound b(db_, prepare("DELETE FROM records WHERE coll=? AND id=?"));
    b.text(coll).text(id);
    b.step();
    bool removed = sqlite3_changes(db_) > 0;
    if (removed) {
        auto it = counts_.find(coll);
        if (it != counts_.end()) --it->second;
    }
    return removed;
}

int64_t SqliteStore::count(const std::string& coll) {
    std::lock_guard lock(mu_);
    auto it = counts_.find(coll);
    if (it != counts_.end()) return it->second;
    Bound b(db_, prepare("SELECT count(*) FROM records WHERE coll=?"));
    b.text(coll);
    b.step();
    int64_t n = sqlite3_column_int64(b.st, 0);
    counts_[coll] = n;
    return n;
}

ListResult SqliteStore::list(const std::string& coll, const ListQuery& q) {
    std::string where = " WHERE coll=?";
    std::vector<std::string> params{coll};
    auto add_param = [&](const std::string& v) {
        params.push_back(v);
        return std::string("?");
    };
    for (const Condition& c : q.where) {
        const std::string col = column_of(c.field);
        switch (c.kind) {
            case Condition::Kind::AnyOf: {
                if (c.values.empty()) {
                    where += " AND 0";
                    break;
                }
                where += " AND " + col + " IN (";
                for (size_t i = 0; i < c.values.size(); ++i) {
                    if (i) where += ',';
                    where += add_param(c.values[i]);
                }
                where += ")";
                break;
            }
            case Condition::Kind::Contains:
                where += " AND instr(" + col + ", " + add_param(ascii_lower(c.values.at(0))) + ") > 0";
                break;
            case Condition::Kind::Tags: {
                where += " AND (0";
                for (const auto& v : c.values)
                    where += " OR instr(tags, char(31) || " + add_param(ascii_lower(v)) + " || char(31)) > 0";
                where += ")";
                break;
            }
            case Condition::Kind::IsTrue:
                where += " AND " + col + (c.flag ? " = 1" : " = 0");
                break;
            case Condition::Kind::After:
                where += " AND " + col + " >= " + add_param(c.values.at(0));
                break;
            case Condition::Kind::Before:
                where += " AND " + col + " <= " + add_param(c.values.at(0));
                break;
            case Condition::Kind::Search: {
                std::string v = ascii_lower(c.values.at(0));
                where += " AND (instr(name_lc, " + add_param(v) + ") > 0 OR instr(emails, " + add_param(v) +
                         ") > 0 OR organization_id IN (SELECT o.id FROM records o WHERE o.coll='organizations'"
                         " AND instr(o.name_lc, " + add_param(v) + ") > 0))";
                break;
            }
        }
    }
    const char* dir = q.descending ? " DESC" : " ASC";
    std::string order;
    if (q.order_by.empty() || q.order_by == "id") {
        order = std::string(" ORDER BY seq") + dir;
    } else if (q.order_by == "createdAt" || q.order_by == "createdOn") {
        order = std::string(" ORDER BY created_at") + dir + ", seq" + dir;
    } else if (q.order_by == "title" || q.order_by == "name" || q.order_by == "label") {
        order = std::string(" ORDER BY name_lc") + dir + ", seq" + dir;
    } else {
        // Any other top-level field: the caller validated the name ([A-Za-z0-9_]+).
        order = " ORDER BY json_extract(body, '$.\"" + q.order_by + "\"')" + dir + ", seq" + dir;
    }

    std::lock_guard lock(mu_);
    ListResult r;
    {
        Bound b(db_, prepare("SELECT body FROM records" + where + order + " LIMIT ? OFFSET ?"));
        for (const auto& p : params) b.text(p);
        b.integer(q.limit).integer(q.offset);
        while (b.step()) r.items.push_back(b.column_text(0));
    }
    if (!q.count_total) return r;
    if (q.where.empty()) {
        auto it = counts_.find(coll);
        if (it != counts_.end()) {
            r.total = it->second;
            return r;
        }
    }
    Bound b(db_, prepare("SELECT count(*) FROM records" + where));
    for (const auto& p : params) b.text(p);
    b.step();
    r.total = sqlite3_column_int64(b.st, 0);
    if (q.where.empty()) counts_[coll] = r.total;
    return r;
}

std::vector<std::string> SqliteStore::find_ids(const std::string& coll, Field field,
                                               const std::vector<std::string>& values) {
    std::vector<std::string> out;
    if (values.empty()) return out;
    std::string sql = std::string("SELECT id FROM records WHERE coll=? AND ") + column_of(field) + " IN (";
    for (size_t i = 0; i < values.size(); ++i) sql += i ? ",?" : "?";
    sql += ") ORDER BY seq";
    std::lock_guard lock(mu_);
    Bound b(db_, prepare(sql));
    b.text(coll);
    for (const auto& v : values) b.text(v);
    while (b.step()) out.push_back(b.column_text(0));
    return out;
}

void SqliteStore::refresh_statistics() {
    std::lock_guard lock(mu_);
    exec("ANALYZE");
    for (auto& [sql, st] : stmts_) sqlite3_finalize(st);  // re-plan with the statistics
    stmts_.clear();
}

void SqliteStore::atomically(const std::function<void()>& fn) {
    std::lock_guard lock(mu_);
    if (depth_ > 0) {
        ++depth_;
        try {
            fn();
        } catch (...) {
            --depth_;
            throw;
        }
        --depth_;
        return;
    }
    exec("BEGIN IMMEDIATE");
    depth_ = 1;
    try {
        fn();
        exec("COMMIT");
    } catch (...) {
        depth_ = 0;
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        next_ids_.clear();  // caches may hold rolled-back values
        counts_.clear();
        throw;
    }
    depth_ = 0;
}

}  // namespace sandbox
