// FdStreambuf, and check_output(): the one place a failed write becomes an exception.
#include "term/fd_streambuf.h"

#include "errors.h"
#include "term/io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>

namespace crm::term {

namespace detail {

FdStreambuf::FdStreambuf(int fd, size_t size)
    : fd_(fd), size_(size), buffer_(std::make_unique_for_overwrite<char[]>(size)) {
    reset();
}

FdStreambuf::int_type FdStreambuf::overflow(int_type ch) {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

bool FdStreambuf::drain() {
    const char* data = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    bool ok = true;
    while (left > 0) {
        ssize_t written = ::write(fd_, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            if (error_ == 0) error_ = errno;
            ok = false;
            break;
        }
        data += written;
        left -= static_cast<size_t>(written);
    }
    reset();
    return ok;
}

}  // namespace detail

void check_output(std::ostream& out) {
    out.flush();
    if (out.good()) return;
    const auto* fd_buffer = dynamic_cast<const detail::FdStreambuf*>(out.rdbuf());
    const int error = fd_buffer && fd_buffer->error() != 0 ? fd_buffer->error() : EIO;
    if (error == EPIPE) throw BrokenPipe();
    throw Error(std::string("write error: ") + std::strerror(error), kExitUnexpected);
}

}  // namespace crm::term
