// Io::system(): the one place that binds the process's real streams and reads terminal facts.
#include "term/fd_streambuf.h"
#include "term/io.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace crm::term {

namespace {

// Process-lifetime stdout: a static, so the buffer is flushed by static destruction even when
// something calls exit() before the Io goes out of scope.
std::ostream& stdout_stream(bool tty) {
    static detail::FdStreambuf buffer(STDOUT_FILENO);
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

// A standard stream the parent closed (`crm … >&-`) is reserved with /dev/null opened the
// other way round: the next open() would otherwise take its number, and a socket or file of
// ours would receive the output. Writing to it now fails with EBADF, which check_output reports.
void reserve_closed_std_fds() {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // open() takes the lowest free number: this one, as the lower ones are open by now.
        ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
    }
}

}  // namespace

std::unique_ptr<Io> Io::system() {
    reserve_closed_std_fds();
    Traits traits;
    traits.stdin_tty = ::isatty(STDIN_FILENO) == 1;
    traits.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
    traits.stderr_tty = ::isatty(STDERR_FILENO) == 1;
    traits.color_out = decide_color(traits.stdout_tty, system_getenv);
    traits.color_err = decide_color(traits.stderr_tty, system_getenv);
    traits.width = stdout_width(traits.stdout_tty);
    traits.dumb = dumb_terminal(system_getenv);
    // std::cerr is unbuffered already, as messages and progress should be.
    return std::make_unique<SystemIo>(std::cin, stdout_stream(traits.stdout_tty), std::cerr, traits);
}

}  // namespace crm::term
