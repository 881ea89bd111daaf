#include "export/staging.h"

#include "errors.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace crm::exporting {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& target, int error) {
    throw Error(fmt::format("cannot write {}: {}", target.string(), std::strerror(error)), kExitUnexpected);
}

std::string prefix_of(const fs::path& target) { return fmt::format(".{}.crm-export-", target.filename().string()); }

fs::path parent_of(const fs::path& target) {
    return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

// Temporaries of runs whose process is gone (killed with SIGKILL, or a crash).
void remove_stale(const fs::path& target) {
    const std::string prefix = prefix_of(target);
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(parent_of(target), ignored)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ignored);
    }
}

void fsync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    const bool synced = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!synced) fail(path, error);
}

void start_writeback_of(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(fd);
}

}  // namespace

Staging::Staging(fs::path target, Kind kind) : target_(std::move(target)), kind_(kind) {
    remove_stale(target_);
    temp_ = parent_of(target_) / fmt::format("{}{}", prefix_of(target_), ::getpid());
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
    if (kind_ == Kind::directory && ::mkdir(temp_.c_str(), 0777) != 0) fail(target_, errno);
}

Staging::~Staging() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
}

void Staging::start_writeback() const noexcept {
    if (kind_ == Kind::file) return start_writeback_of(temp_);
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(temp_, ignored)) {
        if (entry.is_regular_file(ignored)) start_writeback_of(entry.path());
    }
}

void Staging::commit() {
    if (kind_ == Kind::file) {
        fsync_path(temp_, O_RDONLY);
        if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(target_, errno);
    } else {
        for (const auto& entry : fs::directory_iterator(temp_)) {
            if (entry.is_regular_file()) fsync_path(entry.path(), O_RDONLY);
        }
        fsync_path(temp_, O_RDONLY | O_DIRECTORY);
        // Both in one step when the old directory exists: a reader never finds DIR missing.
        std::error_code ignored;
        if (fs::exists(target_, ignored)) {
            if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) fail(target_, errno);
            fs::remove_all(temp_, ignored);  // now the old export
        } else if (::rename(temp_.c_str(), target_.c_str()) != 0) {
            fail(target_, errno);
        }
    }
    committed_ = true;
    // The rename itself made durable; failing here loses nothing already written.
    const int dir = ::open(parent_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace crm::exporting
