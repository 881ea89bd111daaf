#include "bulk/journal_file.h"

#include "errors.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>

namespace crm::bulk {

namespace {

std::string read_all(int fd, const std::string& path) {
    std::string text;
    char buffer[65536];
    off_t offset = 0;
    while (true) {
        ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(fmt::format("cannot read journal {}: {}", path, std::strerror(errno)), kExitUnexpected);
        if (n == 0) break;
        text.append(buffer, static_cast<size_t>(n));
        offset += n;
    }
    return text;
}

}  // namespace

std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return out;
}

JournalFile::JournalFile(const std::string& path, std::string_view kind, Sync sync_call)
    : path_(path), kind_(kind), sync_(sync_call) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd_ < 0) throw UsageError(fmt::format("cannot open journal {}: {}", path, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        ::close(fd_);
        if (error == EWOULDBLOCK)
            throw UsageError(fmt::format("journal {} is in use by another {} run; nothing sent", path, kind_));
        throw UsageError(fmt::format("cannot lock journal {}: {}", path, std::strerror(error)));
    }
    try {
        text_ = read_all(fd_, path);
    } catch (...) {
        ::close(fd_);
        throw;
    }
    // Only whole lines count: a kill in the middle of a write leaves a torn last line.
    auto whole = text_.rfind('\n');
    std::string_view text(text_);
    lines_ = whole == std::string::npos ? std::string_view{} : text.substr(0, whole + 1);
    unterminated_ = whole == std::string::npos ? text : std::string_view{};
    torn_ = !text.empty() && text.back() != '\n';
}

JournalFile::~JournalFile() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

void JournalFile::check_header(std::string_view any_version, std::string_view magic, std::string_view header) const {
    std::string_view first = lines_.substr(0, lines_.find('\n'));
    if (lines_.empty() ? !magic.starts_with(unterminated_) && !unterminated_.starts_with(magic)
                       : !first.starts_with(any_version))
        throw UsageError(fmt::format("{} is not a {} journal; refusing to write to it", path_, kind_));
    if (lines_.empty()) return;
    if (!first.starts_with(magic)) {
        auto version = magic.substr(any_version.size(), magic.find(':') - any_version.size());
        throw UsageError(fmt::format("journal {} was written by another version of crm ({}); this crm reads "
                                     "v{} journals only: use a new journal file",
                                     path_, first.substr(0, first.find(':')), version));
    }
    if (first != header) {
        throw UsageError(fmt::format("journal {} belongs to another job ({}); this run is {}: use a new journal file",
                                     path_, first.substr(magic.size() + 1), header.substr(magic.size() + 1)));
    }
}

void JournalFile::restart(const std::string& text) {
    if (::ftruncate(fd_, 0) != 0)
        throw Error(fmt::format("cannot write journal {}: {}", path_, std::strerror(errno)), kExitUnexpected);
    torn_ = false;
    append(text);
}

void JournalFile::append(const std::string& given, Durable durable) {
    std::string text = torn_ ? "\n" + given : given;  // end a torn line so this record starts clean
    std::string_view rest = text;
    while (!rest.empty()) {
        ssize_t n = ::write(fd_, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(fmt::format("cannot write journal {}: {}", path_, std::strerror(errno)), kExitUnexpected);
        rest.remove_prefix(static_cast<size_t>(n));
    }
    torn_ = false;
    if (durable == Durable::now) sync();
}

void JournalFile::sync() {
    while (sync_(fd_) != 0) {
        if (errno != EINTR) throw Error(fmt::format("cannot sync journal {}: {}", path_, std::strerror(errno)), kExitUnexpected);
    }
}

}  // namespace crm::bulk
