#include "export/write_thread.h"

namespace crm::exporting {

WriteThread::WriteThread(size_t capacity) : capacity_(capacity), thread_([this] { run(); }) {}

WriteThread::~WriteThread() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        tasks_.clear();
    }
    changed_.notify_all();
    thread_.join();
}

void WriteThread::rethrow_failure() {
    if (failure_) std::rethrow_exception(failure_);
}

void WriteThread::post(std::function<void()> task) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return tasks_.size() < capacity_ || failure_; });
    rethrow_failure();
    tasks_.push_back(std::move(task));
    lock.unlock();
    changed_.notify_all();
}

void WriteThread::drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (tasks_.empty() && !busy_) || failure_; });
    rethrow_failure();
}

void WriteThread::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !tasks_.empty() || stopping_; });
        if (stopping_) return;
        std::function<void()> task = std::move(tasks_.front());
        tasks_.pop_front();
        busy_ = true;
        lock.unlock();
        changed_.notify_all();  // room for post()
        std::exception_ptr failed;
        try {
            task();
        } catch (...) {
            failed = std::current_exception();
        }
        task = nullptr;  // what it held (a page's DOM) is freed before the next wait
        lock.lock();
        busy_ = false;
        if (failed) {
            failure_ = failed;
            tasks_.clear();
        }
        changed_.notify_all();
    }
}

}  // namespace crm::exporting
