// A small owner of an SQLite connection and its prepared statements: what the export writes
// through and what `crm report --from` reads. Every failure is a crm::Error naming the file.
#pragma once
#include <sqlite3.h>

#include <string>
#include <string_view>

namespace crm::exporting {

class Statement;

class Db {
public:
    // Opens (or, with `create`, creates) the database at `path`; read-only when !writable.
    // An empty path is a private temporary database on disk, removed when closed. Errors name
    // the database `name`, else its path (an export is written to a temporary beside its target,
    // and the user knows the target).
    Db(const std::string& path, bool writable, bool create, const std::string& name = {});
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    bool has_table(const std::string& name);
    sqlite3* handle() const { return db_; }
    [[noreturn]] void fail(std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string name_;
};

// A prepared statement, reset after each step() that ends it, so it can be bound again.
class Statement {
public:
    Statement(const Db& db, sqlite3_stmt* statement) : db_(&db), st_(statement) {}
    ~Statement();
    Statement(Statement&& other) noexcept : db_(other.db_), st_(other.st_) { other.st_ = nullptr; }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    // Parameters count from 1, as in SQLite. bind_text copies the text; bind_text_view does not,
    // so its text must stay alive until run() or the step that ends the statement (an export
    // binds a few million strings straight from the page's DOM).
    void bind_text(int index, std::string_view text);
    void bind_text_view(int index, std::string_view text);
    void bind_real(int index, double value);
    void bind_int(int index, long long value);
    void bind_null(int index);
    // true while there is a row; false at the end (the statement is then reset for reuse).
    bool step();
    // Runs a statement that returns no rows, then resets it.
    void run();

    int parameters() const { return sqlite3_bind_parameter_count(st_); }
    int columns() const { return sqlite3_column_count(st_); }
    std::string column_name(int i) const { return sqlite3_column_name(st_, i); }
    bool is_null(int i) const { return sqlite3_column_type(st_, i) == SQLITE_NULL; }
    int type(int i) const { return sqlite3_column_type(st_, i); }
    std::string text(int i) const;
    double real(int i) const { return sqlite3_column_double(st_, i); }
    long long integer(int i) const { return sqlite3_column_int64(st_, i); }

private:
    const Db* db_;
    sqlite3_stmt* st_;
};

// "name" as an SQL identifier: double-quoted, inner quotes doubled.
std::string quote_identifier(std::string_view name);

}  // namespace crm::exporting
