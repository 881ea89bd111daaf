// The export's database work on a thread of its own: the walk fetches and parses the next pages
// while the records of earlier ones are written, and an entity's indexes are built while the
// next entity is fetched. SQLite's writes are most of an export's CPU; on one thread they and
// the network took turns.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace crm::exporting {

class WriteThread {
public:
    // At most `capacity` tasks wait: post() blocks beyond that, so parsed pages waiting to be
    // written stay a few megabytes however fast the network is.
    explicit WriteThread(size_t capacity);
    // Throws nothing: tasks not yet run are dropped (an export that failed is thrown away).
    ~WriteThread();
    WriteThread(const WriteThread&) = delete;
    WriteThread& operator=(const WriteThread&) = delete;

    // Runs `task` after the tasks posted before it. Rethrows the failure of an earlier task,
    // after which nothing more runs.
    void post(std::function<void()> task);
    // Returns once every posted task has run; rethrows the first failure. Until the next post(),
    // the caller may use what the tasks use.
    void drain();

private:
    void run();
    void rethrow_failure();

    const size_t capacity_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::function<void()>> tasks_;
    bool busy_ = false;  // a task is running
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace crm::exporting
