#include "sqlite_store.h"

#include "json_util.h"

#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <signal.h>
#include <stdexcept>
#include <unistd.h>

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
CREATE INDEX IF NOT EXISTS records_updated ON records(coll, coalesce(json_extract(body, '$.updatedAt'), ''), seq);
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
    // A text column's bytes, valid until the next step. Read as a blob: sqlite3_column_text
    // would first copy a text that lies in a database page, to end it with a NUL.
    std::string_view column_view(int i) {
        auto p = static_cast<const char*>(sqlite3_column_blob(st, i));
        return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st, i))) : std::string_view();
    }
    std::string column_text(int i) { return std::string(column_view(i)); }
};


// The WHERE clause of a list query; its parameters are appended to params, in order.
std::string where_of(const std::string& coll, const ListQuery& q, std::vector<std::string>& params) {
    std::string where = " WHERE coll=?";
    params.push_back(coll);
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
    return where;
}

// How a list is ordered. Orders on indexed columns end with seq, so they are total and a page
// can start after the previous page's last row (a seek) instead of skipping `offset` rows.
// updatedAt has an expression index (an incremental export asks for the newest changes first
// on every run); coalesce keeps it free of NULL, as the seeks need.
enum class Order { Seq, CreatedAt, UpdatedAt, Name, Other };

Order order_of(const ListQuery& q) {
    if (q.order_by.empty() || q.order_by == "id") return Order::Seq;
    if (q.order_by == "createdAt" || q.order_by == "createdOn") return Order::CreatedAt;
    if (q.order_by == "updatedAt") return Order::UpdatedAt;
    if (q.order_by == "title" || q.order_by == "name" || q.order_by == "label") return Order::Name;
    return Order::Other;
}

// The ordered column before seq, for the orders that have one.
const char* lead_column(Order o) {
    switch (o) {
        case Order::CreatedAt: return "created_at";
        case Order::UpdatedAt: return "coalesce(json_extract(body, '$.updatedAt'), '')";
        case Order::Name: return "name_lc";
        case Order::Seq:
        case Order::Other: break;
    }
    return nullptr;
}

constexpr size_t kMaxCached = 4096;  // cache entries (counts, page boundaries) before a reset

// The in-memory store's directory: TMPDIR/crm-sandbox-PID-XXXXXX.
std::string temp_root() {
    const char* t = std::getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

void remove_store_dir(const std::string& dir) {
    for (const char* f : {"/store.db", "/store.db-wal", "/store.db-shm", "/store.db-journal"})
        ::unlink((dir + f).c_str());
    ::rmdir(dir.c_str());
}

// Directories left by sandboxes killed with SIGKILL (their process is gone): removed.
void sweep_stale_dirs(const std::string& root) {
    DIR* d = opendir(root.c_str());
    if (!d) return;
    const std::string prefix = "crm-sandbox-";
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.rfind(prefix, 0) != 0) continue;
        char* end = nullptr;
        long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
        if (pid <= 0 || *end != '-') continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        remove_store_dir(root + "/" + name);
    }
    closedir(d);
}

std::string make_temp_dir() {
    const std::string root = temp_root();
    sweep_stale_dirs(root);
    std::string tmpl = root + "/crm-sandbox-" + std::to_string(::getpid()) + "-XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a directory in " + root + " for the in-memory store");
    return tmpl;
}

}  // namespace

struct SqliteStore::Conn {
    sqlite3* db = nullptr;
    std::map<std::string, sqlite3_stmt*> stmts;
    uint64_t stats_gen = 0;  // the store's stats_gen_ these statements were planned with
    size_t row_bytes = 512;  // bytes per record of the last page read here: room for the next
    // A pooled reader keeps its read transaction open between requests while nothing is
    // committed (see Reader): starting one takes SQLite's WAL-index locks, behind a mutex that
    // all connections of the process share, the most contended step of a read under load.
    bool snapshot_open = false;
    uint64_t snapshot_at = 0;  // the commits_ value the open snapshot shows, once confirmed

    Conn() = default;
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;
    ~Conn() {
        forget_statements();
        if (db) sqlite3_close(db);
    }
    void forget_statements() {
        for (auto& [sql, st] : stmts) sqlite3_finalize(st);
        stmts.clear();
    }
    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw std::runtime_error("sqlite: " + msg);
        }
    }
    // BEGIN (deferred: the snapshot is taken by the first statement) and its COMMIT, prepared
    // once: sqlite3_exec would parse them on every request.
    void begin_snapshot() {
        if (step_once("BEGIN") != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
        snapshot_open = true;
    }
    void end_snapshot() {
        if (!snapshot_open) return;
        step_once("COMMIT");
        snapshot_open = false;
    }
    int step_once(const char* sql) {
        sqlite3_stmt* st = prepare(sql);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        return rc;
    }
    sqlite3_stmt* prepare(const std::string& sql) {  // cached
        auto it = stmts.find(sql);
        if (it != stmts.end()) return it->second;
        if (stmts.size() > 256) forget_statements();  // list queries vary; keep the cache bounded (none is in use here)
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st,
                               nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db) + " in " + sql);
        stmts.emplace(sql, st);
        return st;
    }
};

class SqliteStore::Reader {
public:
    explicit Reader(SqliteStore& s) : s_(s) {
        if (s.in_my_transaction()) {
            writer_lock_ = std::unique_lock(s.mu_);
            conn_ = s.writer_.get();
            return;
        }
        {
            std::lock_guard lock(s.pool_mu_);
            if (!s.idle_.empty()) {
                owned_ = std::move(s.idle_.back());
                s.idle_.pop_back();
            }
        }
        if (!owned_) owned_ = s.open_connection(false);
        if (uint64_t g = s.stats_gen_.load(); owned_->stats_gen != g) {
            owned_->forget_statements();
            owned_->stats_gen = g;
        }
        conn_ = owned_.get();
        // The snapshot an earlier read left open shows the last commit if none came since
        // (commits_ unchanged: no commit has even begun); else a new one.
        if (owned_->snapshot_open && owned_->snapshot_at != s.commits_.load()) owned_->end_snapshot();
        kept_ = owned_->snapshot_open;
        state_ = kept_ ? owned_->snapshot_at : s.commits_.load();
        if (!kept_) owned_->begin_snapshot();
    }
    ~Reader() {
        if (!owned_) return;
        // The snapshot is kept while it shows the last commit: known to show state_, and
        // nothing committed since. Otherwise it is let go (the next read takes its own).
        if (state_ % 2 == 0 && s_.commits_.load() == state_) owned_->snapshot_at = state_;
        else owned_->end_snapshot();
        std::lock_guard lock(s_.pool_mu_);
        s_.idle_.push_back(std::move(owned_));
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    Conn& conn() { return *conn_; }
    // The writer's connection, inside this thread's atomically(): no snapshot of its own, and
    // the caches describe committed states only.
    bool in_transaction() const { return !owned_; }
    // The commits_ value whose state this read sees, once its first statement has run and
    // confirmed() says so. A new snapshot is taken by the first statement: it shows state_ if
    // commits_ was even at the start and is unchanged after (a seqlock read).
    uint64_t state() const { return state_; }
    bool confirmed() const { return owned_ && (kept_ || (state_ % 2 == 0 && s_.commits_.load() == state_)); }

private:
    SqliteStore& s_;
    std::unique_lock<std::recursive_mutex> writer_lock_;
    std::unique_ptr<Conn> owned_;
    Conn* conn_ = nullptr;
    bool kept_ = false;   // the snapshot was left open by an earlier read, and shows state_
    uint64_t state_ = 1;  // odd: no state known
};

SqliteStore::SqliteStore(const std::string& path) {
    if (path.empty()) {
        tmp_dir_ = make_temp_dir();
        path_ = tmp_dir_ + "/store.db";
    } else {
        path_ = path;
    }
    try {
        writer_ = open_connection(true);
        writer_->exec("PRAGMA journal_mode=WAL");
        // In memory: nothing to keep across a crash, so no fsync.
        writer_->exec(path.empty() ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=FULL");
        writer_->exec(kSchema);
        // Approximate statistics are plenty for the planner and take milliseconds.
        writer_->exec("PRAGMA analysis_limit=1000");
        // A database from an earlier run: statistics for its current contents.
        if (!path.empty()) writer_->exec("ANALYZE");
    } catch (...) {
        writer_.reset();
        if (!tmp_dir_.empty()) remove_store_dir(tmp_dir_);
        throw;
    }
}

SqliteStore::~SqliteStore() {
    idle_.clear();
    writer_.reset();  // the last connection: checkpoints and removes the WAL
    if (!tmp_dir_.empty()) remove_store_dir(tmp_dir_);
}

std::unique_ptr<SqliteStore::Conn> SqliteStore::open_connection(bool writer) const {
    // SQLite counts its memory in use under one process-wide mutex, on every allocation and
    // free: with a connection per worker, under load the workers queue there. Nothing reads
    // the counts. (Possible only before SQLite's first use; later it is refused, harmlessly.)
    static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)no_memory_statistics;
    auto c = std::make_unique<Conn>();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path_.c_str(), &c->db, flags, nullptr) != SQLITE_OK) {
        std::string msg = c->db ? sqlite3_errmsg(c->db) : "out of memory";
        throw std::runtime_error("cannot open database " + path_ + ": " + msg);
    }
    sqlite3_busy_timeout(c->db, 5000);
    if (!writer) c->exec("PRAGMA query_only=1");
    return c;
}

void SqliteStore::committed_write(const std::function<void()>& fn) {
    struct Even {
        std::atomic<uint64_t>& n;
        ~Even() { n.fetch_add(1); }
    };
    commits_.fetch_add(1);  // odd: the commit may become visible from here on
    {
        Even even{commits_};
        fn();
    }
    // Idle readers' snapshots are now stale: let them go, or they would keep checkpoints
    // from recycling the WAL while nobody reads. (Busy readers let theirs go when done.)
    std::lock_guard lock(pool_mu_);
    for (auto& c : idle_) c->end_snapshot();
}

std::string SqliteStore::next_id(const std::string& coll) {
    std::lock_guard lock(mu_);
    auto it = next_ids_.find(coll);
    if (it == next_ids_.end()) {
        int64_t next = 1;
        {
            Bound b(writer_->db, writer_->prepare("SELECT next FROM counters WHERE coll=?"));
            b.text(coll);
            if (b.step()) next = sqlite3_column_int64(b.st, 0);
        }
        it = next_ids_.emplace(coll, next).first;
    }
    int64_t id = it->second++;
    Bound b(writer_->db, writer_->prepare("INSERT INTO counters(coll, next) VALUES(?, ?) "
                                          "ON CONFLICT(coll) DO UPDATE SET next=excluded.next"));
    b.text(coll).integer(it->second);
    if (depth_ == 0) committed_write([&] { b.step(); });
    else b.step();
    return std::to_string(id);
}

std::optional<std::string> SqliteStore::get(const std::string& coll, const std::string& id) {
    Reader r(*this);
    Bound b(r.conn().db, r.conn().prepare("SELECT body FROM records WHERE coll=? AND id=?"));
    b.text(coll).text(id);
    if (!b.step()) return std::nullopt;
    return b.column_text(0);
}

void SqliteStore::put(const std::string& coll, const std::string& id, const std::string& json) {
    Document d = parse_stored(json);
    Columns c = columns_of(d);
    std::lock_guard lock(mu_);
    // Every indexed column gets a text (never NULL): the seeks of list() rely on it.
    Bound b(writer_->db, writer_->prepare(
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
    if (depth_ == 0) committed_write([&] { b.step(); });
    else b.step();
}

bool SqliteStore::remove(const std::string& coll, const std::string& id) {
    std::lock_guard lock(mu_);
    Bound b(writer_->db, writer_->prepare("DELETE FROM records WHERE coll=? AND id=?"));
    b.text(coll).text(id);
    if (depth_ == 0) committed_write([&] { b.step(); });
    else b.step();
    return sqlite3_changes(writer_->db) > 0;
}

int64_t SqliteStore::count(const std::string& coll) {
    ListQuery q;
    q.limit = 0;
    q.count_total = true;
    std::string none;
    return list(coll, q, none).total;
}

ListResult SqliteStore::list(const std::string& coll, const ListQuery& q, std::string& out) {
    Reader r(*this);
    return list_on(r, coll, q, out);
}

ListResult SqliteStore::list_on(Reader& r, const std::string& coll, const ListQuery& q, std::string& out) {
    Conn& c = r.conn();
    const bool use_caches = !r.in_transaction();
    std::vector<std::string> params;
    const std::string where = where_of(coll, q, params);
    const Order ord = order_of(q);
    const char* dir = q.descending ? " DESC" : " ASC";
    std::string order;
    if (ord == Order::Other) {
        // Any other top-level field: the caller validated the name ([A-Za-z0-9_]+).
        order = " ORDER BY json_extract(body, '$.\"" + q.order_by + "\"')" + dir + ", seq" + dir;
    } else if (const char* col = lead_column(ord)) {
        order = std::string(" ORDER BY ") + col + dir + ", seq" + dir;
    } else {
        order = std::string(" ORDER BY seq") + dir;
    }
    const bool seekable = use_caches && ord != Order::Other;
    const char* lead = lead_column(ord);
    std::string select = "SELECT body";
    if (seekable) select += lead ? std::string(", seq, ") + lead : std::string(", seq");

    // Cache keys: '#' and the query's filter for a count; '@', an offset and the whole query
    // for the order keys of the row at that offset, where a page starting there can seek to.
    std::string filter = where;
    for (const auto& p : params) filter.append(1, '\x1f').append(p);
    std::string count_key(1, '#');
    count_key += filter;
    auto start_key = [&](int64_t offset) {
        std::string k(1, '@');
        k.append(std::to_string(offset)).append(1, ' ').append(filter).append(order);
        return k;
    };

    // The page and its total come from the reader's one snapshot, of state `before` if confirmed.
    const uint64_t before = r.state();

    std::optional<std::vector<std::string>> seek_to;  // order keys of the row at q.offset
    std::optional<int64_t> cached_total;
    if (use_caches && before % 2 == 0) {
        std::lock_guard lock(cache_mu_);
        if (seekable && q.offset > 0 && q.limit > 0) {
            auto it = cache_.find(start_key(q.offset));
            if (it != cache_.end() && it->second.at == before) seek_to = it->second.keys;
        }
        if (q.count_total) {
            auto it = cache_.find(count_key);
            if (it != cache_.end() && it->second.at == before) cached_total = std::stoll(it->second.keys.at(0));
        }
    }

    // A seekable page reads one row more than it serves: that row starts the next page.
    ListResult res;
    std::vector<std::string> first_keys, next_keys;  // order keys of the page's first row, of the row after it
    auto keys_of = [&](sqlite3_stmt* st, std::vector<std::string>& keys) {
        keys.clear();
        // put() never stores NULL in these columns; if one is there, no seek relies on it.
        for (int i = 1; i <= (lead ? 2 : 1); ++i)
            if (sqlite3_column_type(st, i) == SQLITE_NULL) return;
        keys.push_back(std::to_string(sqlite3_column_int64(st, 1)));
        if (lead) {
            auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
            keys.emplace_back(p, static_cast<size_t>(sqlite3_column_bytes(st, 2)));
        }
    };
    const size_t start = out.size();
    // Room for the whole page at once: grown by doubling, a 50 KB page was copied ~10 times.
    out.reserve(start + static_cast<size_t>(std::max<int64_t>(q.limit, 0)) * c.row_bytes);
    auto run = [&](bool seek) {
        out.resize(start);
        res.count = 0;
        first_keys.clear();
        next_keys.clear();
        std::string sql = select + " FROM records" + where;
        if (seek) {
            const char* cmp = q.descending ? " <= " : " >= ";
            sql += lead ? std::string(" AND (") + lead + ", seq)" + cmp + "(?, ?)" : std::string(" AND seq") + cmp + "?";
        }
        sql += order + (seek ? " LIMIT ?" : " LIMIT ? OFFSET ?");
        Bound b(c.db, c.prepare(sql));
        for (const auto& p : params) b.text(p);
        if (seek) {
            if (lead) b.text(seek_to->at(1));
            b.integer(std::stoll(seek_to->at(0)));
        }
        b.integer(seekable && q.limit > 0 ? q.limit + 1 : q.limit);
        if (!seek) b.integer(q.offset);
        while (b.step()) {
            if (static_cast<int64_t>(res.count) == q.limit) {
                keys_of(b.st, next_keys);
                break;
            }
            if (seekable && res.count == 0) keys_of(b.st, first_keys);
            if (res.count++) out += ',';
            out += b.column_view(0);
        }
    };
    run(seek_to.has_value());
    // The same even value before and after: the snapshot is the state `before` names, the one
    // the cache entries used were made for. Otherwise a seek may not match this snapshot's
    // rows: read the page again by offset, in the same snapshot.
    const bool valid = use_caches && r.confirmed();
    if (seek_to && !valid) run(false);
    if (res.count > 0) c.row_bytes = (out.size() - start) / res.count + 1;

    if (q.count_total) {
        if (cached_total && valid) {
            res.total = *cached_total;
        } else {
            Bound b(c.db, c.prepare("SELECT count(*) FROM records" + where));
            for (const auto& p : params) b.text(p);
            b.step();
            res.total = sqlite3_column_int64(b.st, 0);
        }
    }
    if (valid) {
        std::lock_guard lock(cache_mu_);
        if (cache_.size() > kMaxCached) cache_.clear();
        if (q.offset > 0 && !first_keys.empty()) cache_[start_key(q.offset)] = Cached{before, first_keys};
        if (!next_keys.empty()) cache_[start_key(q.offset + q.limit)] = Cached{before, next_keys};
        if (q.count_total && !cached_total) cache_[count_key] = Cached{before, {std::to_string(res.total)}};
    }
    return res;
}

std::vector<std::string> SqliteStore::find_ids(const std::string& coll, Field field,
                                               const std::vector<std::string>& values) {
    std::vector<std::string> out;
    if (values.empty()) return out;
    std::string sql = std::string("SELECT id FROM records WHERE coll=? AND ") + column_of(field) + " IN (";
    for (size_t i = 0; i < values.size(); ++i) sql += i ? ",?" : "?";
    sql += ") ORDER BY seq";
    Reader r(*this);
    Bound b(r.conn().db, r.conn().prepare(sql));
    b.text(coll);
    for (const auto& v : values) b.text(v);
    while (b.step()) out.push_back(b.column_text(0));
    return out;
}

void SqliteStore::refresh_statistics() {
    std::lock_guard lock(mu_);
    committed_write([&] { writer_->exec("ANALYZE"); });
    writer_->forget_statements();  // re-plan with the statistics
    stats_gen_.fetch_add(1);       // and so do the readers
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
    writer_->exec("BEGIN IMMEDIATE");
    depth_ = 1;
    tx_owner_ = std::this_thread::get_id();
    try {
        fn();
        committed_write([&] { writer_->exec("COMMIT"); });
    } catch (...) {
        depth_ = 0;
        tx_owner_ = std::thread::id{};
        sqlite3_exec(writer_->db, "ROLLBACK", nullptr, nullptr, nullptr);
        next_ids_.clear();  // the cache may hold rolled-back values
        throw;
    }
    depth_ = 0;
    tx_owner_ = std::thread::id{};
}

}  // namespace sandbox
