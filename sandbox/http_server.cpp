#include "http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace sandbox {
namespace {

// The wait for a connection's next request is cut in slices this long, so that the server's
// stop() (which invalidates the listening socket) is noticed within one (as in httplib).
constexpr int kIdleSliceMs = 10;
// Writes that fit wait in the output buffer for the rest of the response (httplib writes the
// status line and headers first, then the body); a larger one goes out at once, together with
// what is waiting, in one sendmsg.
constexpr size_t kGatherBytes = 16 * 1024;
// Reads from the socket go through a buffer this large (httplib's: 4 KiB, and per request).
constexpr size_t kReadBufferBytes = 16 * 1024;

// The numeric address and the port of a socket's end, as httplib reports them.
void address_of(int sock, bool peer, std::string& ip, int& port) {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    auto* sa = reinterpret_cast<sockaddr*>(&a);
    if ((peer ? getpeername(sock, sa, &len) : getsockname(sock, sa, &len)) != 0) return;
    if (a.ss_family == AF_INET) port = ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
    else if (a.ss_family == AF_INET6) port = ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
    else return;
    std::array<char, NI_MAXHOST> host{};
    if (getnameinfo(sa, len, host.data(), static_cast<socklen_t>(host.size()), nullptr, 0, NI_NUMERICHOST) == 0)
        ip = host.data();
}

int timeout_ms(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

// One accepted connection, for all the requests it carries. The socket is blocking, with
// httplib's read and write timeouts set on it (SO_RCVTIMEO, SO_SNDTIMEO) when accepted.
class Connection final : public httplib::Stream {
public:
    Connection(int sock, int read_timeout_ms, int write_timeout_ms)
        : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {
        address_of(sock, true, remote_ip_, remote_port_);
        address_of(sock, false, local_ip_, local_port_);
        in_.resize(kReadBufferBytes);
    }

    // True once the next request has begun to arrive (or the peer closed: the read then
    // tells); false after keep_alive_seconds without one, or when the server stops.
    bool wait_for_request(time_t keep_alive_seconds, const std::atomic<socket_t>& server_socket) const {
        if (in_pos_ < in_end_) return true;  // pipelined: already read
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_seconds);
        while (server_socket != INVALID_SOCKET) {
            pollfd p{sock_, POLLIN, 0};
            int n = poll(&p, 1, kIdleSliceMs);
            if (n > 0) return true;
            if (n < 0 && errno != EINTR) return false;
            if (std::chrono::steady_clock::now() > deadline) return false;
        }
        return false;
    }

    // Sends what waits in the output buffer; false if the connection is gone.
    bool flush() {
        if (out_.empty()) return true;
        iovec iov{out_.data(), out_.size()};
        bool ok = send_all(&iov, 1);
        out_.clear();
        return ok;
    }

    bool is_readable() const override { return in_pos_ < in_end_ || ready(POLLIN, read_timeout_ms_); }
    bool is_writable() const override { return ready(POLLOUT, write_timeout_ms_); }

    ssize_t read(char* ptr, size_t size) override {
        if (in_pos_ == in_end_) {
            // A reader may wait for the client, which may wait for what we wrote (100 Continue).
            if (!flush()) return -1;
            if (size >= in_.size()) return receive(ptr, size);
            ssize_t n = receive(in_.data(), in_.size());
            if (n <= 0) return n;
            in_pos_ = 0;
            in_end_ = static_cast<size_t>(n);
        }
        size_t n = std::min(size, in_end_ - in_pos_);
        std::memcpy(ptr, in_.data() + in_pos_, n);
        in_pos_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (out_.size() + size <= kGatherBytes) {
            out_.append(ptr, size);
            return static_cast<ssize_t>(size);
        }
        std::array<iovec, 2> iov{{{out_.data(), out_.size()}, {const_cast<char*>(ptr), size}}};
        bool ok = out_.empty() ? send_all(&iov[1], 1) : send_all(iov.data(), 2);
        out_.clear();
        return ok ? static_cast<ssize_t>(size) : -1;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = remote_ip_;
        port = remote_port_;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = local_ip_;
        port = local_port_;
    }
    socket_t socket() const override { return sock_; }

private:
    bool ready(short events, int timeout) const {
        pollfd p{sock_, events, 0};
        int n;
        do n = poll(&p, 1, timeout);
        while (n < 0 && errno == EINTR);
        return n > 0 && !(p.revents & (POLLERR | POLLHUP | POLLNVAL));
    }

    ssize_t receive(char* ptr, size_t size) const {
        ssize_t n;
        do n = recv(sock_, ptr, size, 0);
        while (n < 0 && errno == EINTR);
        return n;
    }

    // Writes every byte of iov[0..count) (a blocking socket may take them in parts).
    bool send_all(iovec* iov, size_t count) const {
        msghdr m{};
        m.msg_iov = iov;
        m.msg_iovlen = count;
        while (m.msg_iovlen > 0) {
            ssize_t n = sendmsg(sock_, &m, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            auto left = static_cast<size_t>(n);
            while (m.msg_iovlen > 0 && left >= m.msg_iov->iov_len) {
                left -= m.msg_iov->iov_len;
                ++m.msg_iov;
                --m.msg_iovlen;
            }
            if (m.msg_iovlen > 0) {
                m.msg_iov->iov_base = static_cast<char*>(m.msg_iov->iov_base) + left;
                m.msg_iov->iov_len -= left;
            }
        }
        return true;
    }

    const int sock_;
    const int read_timeout_ms_, write_timeout_ms_;
    std::string remote_ip_, local_ip_;
    int remote_port_ = -1, local_port_ = -1;
    std::string in_;  // read, not yet consumed: in_[in_pos_, in_end_)
    size_t in_pos_ = 0, in_end_ = 0;
    std::string out_;  // written, not yet sent
};

}  // namespace

bool HttpServer::process_and_close_socket(socket_t sock) {
    bool ret = false;
    {
        Connection conn(sock, timeout_ms(read_timeout_sec_, read_timeout_usec_),
                        timeout_ms(write_timeout_sec_, write_timeout_usec_));
        // The last request httplib allows on a connection is answered "Connection: close".
        for (size_t left = keep_alive_max_count_; left > 0; --left) {
            if (!conn.wait_for_request(keep_alive_timeout_sec_, svr_sock_)) break;
            bool closed = false;
            ret = process_request(conn, left == 1, closed, nullptr);
            bool sent = conn.flush();
            if (!ret || !sent || closed) break;
        }
    }
    shutdown(sock, SHUT_RDWR);
    close(sock);
    return ret;
}

}  // namespace sandbox
