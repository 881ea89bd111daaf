// The SQLite implementation of Store: one table of JSON records plus indexed columns for the
// fields lists filter and sort on. One connection, serialized by a mutex (SQLite work per
// request is far below a millisecond, so this is not the bottleneck, and it cannot race).
#pragma once
#include "store.h"

#include <map>
#include <mutex>
#include <sqlite3.h>

namespace sandbox {

class SqliteStore final : public Store {
public:
    // path empty: in memory. A file is opened in WAL mode with synchronous=FULL, so every
    // committed write survives a kill -9 (and a power cut).
    explicit SqliteStore(const std::string& path);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    std::string next_id(const std::string& coll) override;
    std::optional<std::string> get(const std::string& coll, const std::string& id) override;
    void put(const std::string& coll, const std::string& id, const std::string& json) override;
    bool remove(const std::string& coll, const std::string& id) override;
    ListResult list(const std::string& coll, const ListQuery& q) override;
    std::vector<std::string> find_ids(const std::string& coll, Field field,
                                      const std::vector<std::string>& values) override;
    int64_t count(const std::string& coll) override;
    void atomically(const std::function<void()>& fn) override;
    void refresh_statistics() override;  // ANALYZE: filtered lists then pick the right index

private:
    sqlite3_stmt* prepare(const std::string& sql);  // cached
    void exec(const char* sql);

    sqlite3* db_ = nullptr;
    std::recursive_mutex mu_;
    int depth_ = 0;  // nesting of atomically()
    std::map<std::string, sqlite3_stmt*> stmts_;
    std::map<std::string, int64_t> next_ids_;  // cache of the counters table
    std::map<std::string, int64_t> counts_;    // cache of per-collection record counts
};

}  // namespace sandbox
