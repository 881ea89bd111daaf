// Io::to_file(): --output-file. The output is written to a temporary file in the target's
// directory (so the final rename(2) is atomic: same file system) and replaces the target only
// when the command succeeded. A reader of FILE sees the old export or the whole new one, never
// a plausible-looking short file.
#include "errors.h"
#include "term/fd_streambuf.h"
#include "term/io.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <random>

namespace crm::term {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& target, int error) {
    throw Error(fmt::format("cannot write {}: {}", target.string(), std::strerror(error)), kExitUnexpected);
}

// The temporary file: open while being written, removed unless it was renamed into place.
class TempFile {
public:
    // ".NAME.crm-XXXXXXXX" beside the target: hidden, and named after what it will become.
    explicit TempFile(const fs::path& target) {
        std::random_device entropy;
        for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
            path_ = target.parent_path() / fmt::format(".{}.crm-{:08x}", target.filename().string(), entropy());
            // 0666: the umask decides, as for any file a shell redirection creates.
            fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd_ < 0 && errno != EEXIST) fail(target, errno);
        }
        if (fd_ < 0) fail(target, EEXIST);
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return fd_; }

    // fsync before rename: after a crash, FILE is the old export or the whole new one.
    void put_in_place(const fs::path& target) {
        if (::fsync(fd_) != 0) fail(target, errno);
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail(target, errno);
        if (::rename(path_.c_str(), target.c_str()) != 0) fail(target, errno);
        renamed_ = true;
        // Make the rename itself durable; failing here loses nothing already written.
        const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
        const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd >= 0) {
            ::fsync(dir_fd);
            ::close(dir_fd);
        }
    }

private:
    fs::path path_;
    int fd_ = -1;
    bool renamed_ = false;
};

Traits file_traits(Traits traits) {
    traits.stdout_tty = false;
    traits.color_out = false;
    traits.width = 0;
    return traits;
}

class FileIo final : public Io {
public:
    // The base stores a reference to stream_ only; it is constructed below, before any use.
    FileIo(Io& terminal, fs::path target)
        : Io(terminal.in(), stream_, terminal.err(), file_traits(terminal.traits())), target_(std::move(target)),
          temp_(target_), buffer_(temp_.fd()), stream_(&buffer_) {}

    void commit() override {
        check_output(stream_);
        temp_.put_in_place(target_);
    }

private:
    fs::path target_;
    TempFile temp_;  // declared before buffer_: destroyed after it has drained
    detail::FdStreambuf buffer_;
    std::ostream stream_;
};

}  // namespace

std::unique_ptr<Io> Io::to_file(Io& terminal, const fs::path& path) {
    // A directory would only fail at the rename, after all the work.
    std::error_code ignored;  // a path that cannot be looked at fails when the file is created
    if (fs::is_directory(path, ignored)) fail(path, EISDIR);
    return std::make_unique<FileIo>(terminal, path);
}

}  // namespace crm::term
