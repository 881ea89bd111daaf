#include "config/private_file.h"

#include "errors.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace crm::config::detail {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
    throw Error(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(err)), kExitUnexpected);
}

// mkdir -p with 0700 for the directories we create; existing ones are left as they are.
void make_private_dirs(const fs::path& dir) {
    if (dir.empty() || fs::is_directory(dir)) return;
    make_private_dirs(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) fail("create directory", dir, errno);
}

// Closes the descriptor and removes the temp file unless the rename happened.
class TempFile {
public:
    explicit TempFile(const fs::path& target) : path_(target.string() + ".XXXXXX") {
        // mkstemp opens with O_CREAT | O_EXCL and mode 0600: never readable by others.
        fd_ = ::mkstemp(path_.data());
        if (fd_ < 0) fail("create a temporary file next to", target, errno);
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void write_all(std::string_view text, const fs::path& target) {
        while (!text.empty()) {
            ssize_t n = ::write(fd_, text.data(), text.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail("write", target, errno);
            text.remove_prefix(static_cast<size_t>(n));
        }
        if (::fsync(fd_) != 0) fail("write", target, errno);
        int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail("write", target, errno);
    }

    void rename_to(const fs::path& target) {
        if (::rename(path_.c_str(), target.c_str()) != 0) fail("replace", target, errno);
        renamed_ = true;
    }

private:
    std::string path_;
    int fd_ = -1;
    bool renamed_ = false;
};

}  // namespace

void refuse_if_exposed(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;  // nothing to protect
    if ((st.st_mode & 077) == 0) return;
    throw UsageError(fmt::format("config file {0} is readable by others and holds an API key; run: chmod 600 {0}",
                                 path.string()));
}

void refuse_if_writable(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;  // no file, nothing to run
    // root may write any file anyway; a root-owned file is as trusted as the user's own (ssh's rule).
    if (st.st_uid != ::geteuid() && st.st_uid != 0) {
        throw UsageError(fmt::format("config file {0} is owned by uid {1}, not by you (uid {2}), and it can name a "
                                     "command crm runs; if it is yours, run: chown {2} {0}",
                                     path.string(), st.st_uid, ::geteuid()));
    }
    if ((st.st_mode & 022) != 0) {
        throw UsageError(fmt::format("config file {0} is writable by others and it can name a command crm runs; "
                                     "run: chmod go-w {0}",
                                     path.string()));
    }
}

void write_private_file(const fs::path& path, std::string_view text) {
    std::error_code ec;
    const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path) : path;
    make_private_dirs(target.parent_path());

    TempFile temp(target);
    temp.write_all(text, target);
    temp.rename_to(target);

    // Make the rename itself durable; failing here loses nothing already written.
    int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace crm::config::detail
