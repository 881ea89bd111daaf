#include "bulk/journal.h"

#include "http/request.h"
#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace crm::bulk {

namespace {

constexpr std::string_view kMagic = "crm bulk delete journal v1:";

std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// "sent batch 12: a b" → {12, "a b"}; nullopt when the line is not `<verb> batch N: …`.
std::optional<std::pair<size_t, std::string_view>> batch_line(std::string_view line, std::string_view verb) {
    std::string prefix = fmt::format("{} batch ", verb);
    if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
    line.remove_prefix(prefix.size());
    size_t number = 0;
    auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), number);
    if (ec != std::errc() || end == line.data()) return std::nullopt;
    std::string_view rest(end, static_cast<size_t>(line.data() + line.size() - end));
    if (rest.substr(0, 1) != ":") return std::nullopt;
    rest.remove_prefix(rest.size() > 1 ? 2 : 1);
    return std::pair{number, rest};
}

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

std::string journal_header(std::string_view entity, std::string_view job) {
    return fmt::format("{} entity {}, job {}", kMagic, entity, job);
}

Journal::Journal(const std::string& path, std::string_view entity, std::string_view job) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd_ < 0) throw UsageError(fmt::format("cannot open journal {}: {}", path, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        ::close(fd_);
        if (error == EWOULDBLOCK)
            throw UsageError(fmt::format("journal {} is in use by another crm bulk run; nothing sent", path));
        throw UsageError(fmt::format("cannot lock journal {}: {}", path, std::strerror(error)));
    }
    try {
        std::string text = read_all(fd_, path);
        // Only whole lines count: a kill in the middle of a write leaves a torn last line.
        auto whole = text.rfind('\n');
        std::string_view lines = whole == std::string::npos ? std::string_view{} : std::string_view(text).substr(0, whole + 1);
        std::string header = journal_header(entity, job);
        if (lines.empty()) {
            // New (or torn before its header was whole): start it afresh; we hold the lock.
            if (::ftruncate(fd_, 0) != 0)
                throw Error(fmt::format("cannot write journal {}: {}", path, std::strerror(errno)), kExitUnexpected);
            append(header + "\n");
            return;
        }
        if (whole + 1 != text.size()) append("\n");  // end the torn line so the next one starts clean
        std::string_view first = lines.substr(0, lines.find('\n'));
        if (first.substr(0, kMagic.size()) != kMagic)
            throw UsageError(fmt::format("{} is not a crm bulk journal; refusing to write to it", path));
        if (first != header) {
            throw UsageError(fmt::format(
                "journal {} belongs to another job ({}); this run is {}: use a new journal file", path,
                first.substr(kMagic.size() + 1), std::string_view(header).substr(kMagic.size() + 1)));
        }
        std::unordered_map<size_t, std::string_view> sent;
        lines.remove_prefix(first.size() + 1);
        while (!lines.empty()) {
            auto end = lines.find('\n');
            std::string_view line = lines.substr(0, end);
            lines.remove_prefix(end + 1);
            for (std::string_view verb : {"sent", "accepted", "failed", "unknown", "split"}) {
                auto parsed = batch_line(line, verb);
                if (!parsed) continue;
                state_.last_batch = std::max(state_.last_batch, parsed->first);
                if (verb == "sent") sent[parsed->first] = parsed->second;
                if (verb == "accepted") {
                    std::string_view ids = sent[parsed->first];
                    while (!ids.empty()) {
                        auto space = ids.find(' ');
                        if (space != 0) state_.accepted.insert(percent_decode(ids.substr(0, space)));
                        if (space == std::string_view::npos) break;
                        ids.remove_prefix(space + 1);
                    }
                }
                break;
            }
        }
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

Journal::~Journal() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

void Journal::append(const std::string& text) {
    std::string_view rest = text;
    while (!rest.empty()) {
        ssize_t n = ::write(fd_, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(fmt::format("cannot write journal {}: {}", path_, std::strerror(errno)), kExitUnexpected);
        rest.remove_prefix(static_cast<size_t>(n));
    }
    while (::fsync(fd_) != 0) {
        if (errno != EINTR) throw Error(fmt::format("cannot sync journal {}: {}", path_, std::strerror(errno)), kExitUnexpected);
    }
}

void Journal::sent(const std::vector<Batch>& batches) {
    std::string text;
    for (const auto& batch : batches) {
        text += fmt::format("sent batch {}:", batch.number);
        for (const auto& id : batch.ids) {
            text += ' ';
            text += http::percent_encode(id);
        }
        text += '\n';
    }
    if (!text.empty()) append(text);
}

void Journal::accepted(size_t batch, size_t deleted, size_t not_found) {
    append(fmt::format("accepted batch {}: deleted {}, not found {}\n", batch, deleted, not_found));
}

void Journal::failed(size_t batch, std::string_view why) { append(fmt::format("failed batch {}: {}\n", batch, one_line(why))); }

void Journal::unknown(size_t batch, std::string_view why) {
    append(fmt::format("unknown batch {}: {}\n", batch, one_line(why)));
}

void Journal::split(size_t batch, std::string_view why) { append(fmt::format("split batch {}: {}\n", batch, one_line(why))); }

}  // namespace crm::bulk
