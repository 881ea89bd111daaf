#include "export/sqlite_db.h"

#include "errors.h"

#include <fmt/format.h>

namespace crm::exporting {

Db::Db(const std::string& path, bool writable, bool create, const std::string& name)
    : name_(!name.empty() ? name : path.empty() ? "a temporary database" : path) {
    // SQLite's memory statistics take a global mutex on every allocation, a few million times
    // in an export; crm never reads them. Only possible before SQLite's first use.
    [[maybe_unused]] static const int no_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // A connection is used by one thread at a time (export/write_thread.h hands it over), so
    // it needs no mutex of its own.
    int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | (create ? SQLITE_OPEN_CREATE : 0) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(fmt::format("cannot open {}: {}", name_, message), kExitUnexpected);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { sqlite3_close(db_); }

void Db::fail(std::string_view what) const {
    throw Error(fmt::format("{}: {}: {}", name_, what, sqlite3_errmsg(db_)), kExitUnexpected);
}

void Db::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        throw Error(fmt::format("{}: {}", name_, text), kExitUnexpected);
    }
}

Statement Db::prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
        fail(fmt::format("cannot prepare '{}'", sql));
    return Statement(*this, st);
}

bool Db::has_table(const std::string& name) {
    Statement st = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name=?");
    st.bind_text(1, name);
    const bool found = st.step();
    while (found && st.step()) {
    }
    return found;
}

Statement::~Statement() { sqlite3_finalize(st_); }

void Statement::bind_text(int index, std::string_view text) {
    if (sqlite3_bind_text(st_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        db_->fail("cannot bind a value");
}
void Statement::bind_text_view(int index, std::string_view text) {
    if (sqlite3_bind_text(st_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC) != SQLITE_OK)
        db_->fail("cannot bind a value");
}
void Statement::bind_real(int index, double value) { sqlite3_bind_double(st_, index, value); }
void Statement::bind_int(int index, long long value) { sqlite3_bind_int64(st_, index, value); }
void Statement::bind_null(int index) { sqlite3_bind_null(st_, index); }

bool Statement::step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(st_);
    if (rc != SQLITE_DONE) db_->fail("statement failed");
    return false;
}

void Statement::run() {
    while (step()) {
    }
    sqlite3_clear_bindings(st_);
}

std::string Statement::text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st_, i))) : std::string();
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace crm::exporting
