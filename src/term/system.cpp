// Io::system(): the one place that binds the process's real streams and reads terminal facts.
#include "term/io.h"

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <vector>

namespace crm::term {

namespace {

// An output buffer straight onto a file descriptor. std::cout, synced with stdio, hands every
// insertion to a FILE*; our own 64 KiB buffer turns a 20,000-record export into a few hundred
// write()s, whether or not anyone calls std::ios::sync_with_stdio(false).
class FdStreambuf : public std::streambuf {
public:
    FdStreambuf(int fd, size_t size) : fd_(fd), buffer_(size) { reset(); }
    ~FdStreambuf() override { drain(); }
    FdStreambuf(const FdStreambuf&) = delete;
    FdStreambuf& operator=(const FdStreambuf&) = delete;

protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    int sync() override { return drain() ? 0 : -1; }

private:
    void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

    // Writes out the buffer. On a failure (EPIPE: the reader went away) the data is dropped
    // and the stream goes bad, which is what a pipe into `head` wants.
    bool drain() {
        const char* data = pbase();
        size_t left = static_cast<size_t>(pptr() - pbase());
        bool ok = true;
        while (left > 0) {
            ssize_t written = ::write(fd_, data, left);
            if (written < 0) {
                if (errno == EINTR) continue;
                ok = false;
                break;
            }
            data += written;
            left -= static_cast<size_t>(written);
        }
        reset();
        return ok;
    }

    int fd_;
    std::vector<char> buffer_;
};

// Process-lifetime stdout: a static, so the buffer is flushed by static destruction even when
// something calls exit() before the Io goes out of scope.
std::ostream& stdout_stream(bool tty) {
    static FdStreambuf buffer(STDOUT_FILENO, 64 * 1024);
    static std::ostream stream(&buffer);
    // On a terminal a person is reading as we go: write out after every insertion.
    if (tty) stream.setf(std::ios::unitbuf);
    return stream;
}

const char* system_getenv(const char* name) { return std::getenv(name); }

// Terminal columns of stdout; 0 when stdout is not a terminal (nothing to fit to), 80 when it
// is one but neither the kernel nor $COLUMNS says how wide.
int stdout_width(bool tty) {
    if (!tty) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        int width = 0;
        auto [end, error] = std::from_chars(columns, columns + std::strlen(columns), width);
        if (error == std::errc{} && *end == '\0' && width > 0) return width;
    }
    return 80;
}

// The process's own terminal: the one Io that can turn echo off.
class SystemIo final : public Io {
public:
    using Io::Io;
    ~SystemIo() override { set_input_echo(true); }  // never leave a terminal without echo

protected:
    void set_input_echo(bool on) override {
        termios mode{};
        if (::tcgetattr(STDIN_FILENO, &mode) != 0) return;
        if (on == ((mode.c_lflag & ECHO) != 0)) return;
        if (on) {
            mode.c_lflag |= ECHO;
        } else {
            mode.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        }
        ::tcsetattr(STDIN_FILENO, TCSANOW, &mode);
    }
};

}  // namespace

std::unique_ptr<Io> Io::system() {
    Traits traits;
    traits.stdin_tty = ::isatty(STDIN_FILENO) == 1;
    traits.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
    traits.stderr_tty = ::isatty(STDERR_FILENO) == 1;
    traits.color_out = decide_color(traits.stdout_tty, system_getenv);
    traits.color_err = decide_color(traits.stderr_tty, system_getenv);
    traits.width = stdout_width(traits.stdout_tty);
    // std::cerr is unbuffered already, as messages and progress should be.
    return std::make_unique<SystemIo>(std::cin, stdout_stream(traits.stdout_tty), std::cerr, traits);
}

}  // namespace crm::term
