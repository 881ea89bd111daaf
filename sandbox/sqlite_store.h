// The SQLite implementation of Store: one table of JSON records plus indexed columns for the
// fields lists filter and sort on.
//
// Concurrency: writes go through one connection, serialized by a mutex; reads take a
// connection of their own from a pool, so a read never waits on another request: WAL lets
// it read the last committed state while a writer writes. Reads made inside atomically() by
// the thread running it use the writer's connection (they must see its uncommitted writes).
// The in-memory store (no --db) is a WAL database in a private temporary directory, removed
// at exit: separate connections to ":memory:" would be separate databases, and a shared-cache
// memory database locks whole tables (readers would wait for writers), see docs/sandbox.md.
#pragma once
#include "store.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <vector>

namespace sandbox {

class SqliteStore final : public Store {
public:
    // path empty: a private temporary database, gone at exit. A file is opened in WAL mode
    // with synchronous=FULL, so every committed write survives a kill -9 (and a power cut).
    explicit SqliteStore(const std::string& path);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    std::string next_id(const std::string& coll) override;
    std::optional<std::string> get(const std::string& coll, const std::string& id) override;
    void put(const std::string& coll, const std::string& id, const std::string& json) override;
    bool remove(const std::string& coll, const std::string& id) override;
    ListResult list(const std::string& coll, const ListQuery& q, std::string& out) override;
    std::vector<std::string> find_ids(const std::string& coll, Field field,
                                      const std::vector<std::string>& values) override;
    int64_t count(const std::string& coll) override;
    void atomically(const std::function<void()>& fn) override;
    void refresh_statistics() override;  // ANALYZE: filtered lists then pick the right index

    struct Conn;  // a connection and its prepared statements

private:
    class Reader;  // a connection for one read: the writer's inside atomically(), else a pooled one
    friend class Reader;

    std::unique_ptr<Conn> open_connection(bool writer) const;
    bool in_my_transaction() const { return tx_owner_.load() == std::this_thread::get_id(); }
    void committed_write(const std::function<void()>& fn);  // fn commits: see commits_
    ListResult list_on(Reader& r, const std::string& coll, const ListQuery& q, std::string& out);

    std::string path_;     // the database file
    std::string tmp_dir_;  // the in-memory store's directory, removed with it
    std::unique_ptr<Conn> writer_;
    std::recursive_mutex mu_;  // the writer connection, next_ids_, depth_
    int depth_ = 0;            // nesting of atomically()
    std::atomic<std::thread::id> tx_owner_{};
    std::map<std::string, int64_t> next_ids_;  // cache of the counters table

    std::mutex pool_mu_;
    std::vector<std::unique_ptr<Conn>> idle_;  // read connections not in use
    std::atomic<uint64_t> stats_gen_{0};       // bumped by ANALYZE: readers re-prepare

    // A seqlock over commits: odd while a commit may be becoming visible, bumped to the next
    // even number once it is. A read that sees the same even value before and after taking
    // its snapshot read exactly the state of that value, so results cached under it (counts,
    // page boundaries) are valid for it.
    std::atomic<uint64_t> commits_{0};
    struct Cached {
        uint64_t at;  // the commits_ value the entry describes
        std::vector<std::string> keys;  // a count: {n}; a page start: its first row's order keys (seq first)
    };
    std::mutex cache_mu_;
    std::map<std::string, Cached> cache_;
};

}  // namespace sandbox
