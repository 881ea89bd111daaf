// The sandbox's own connection loop (sandbox/http_server.cpp) at the byte level: pipelined
// requests, Expect: 100-continue, answers gathered into one write; and the read snapshots the
// store keeps between requests never hiding a committed write. Correctness only, no timing.
#include "http_helpers.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using crmtest::SandboxProcess;
using sbt::Http;

namespace {

// A plain TCP connection to the sandbox, for requests written byte by byte.
class RawConnection {
public:
    explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    bool send_all(const std::string& bytes) const {
        size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }
    // Reads until `needle` has arrived `times` times, the peer closes, or nothing comes for
    // `idle_ms`; returns everything read.
    std::string read_until(const std::string& needle, int times, int idle_ms = 5000) const {
        std::string got;
        char buf[65536];
        while (count(got, needle) < times) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, idle_ms) <= 0) break;
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<size_t>(n));
        }
        return got;
    }
    static int count(const std::string& text, const std::string& needle) {
        int n = 0;
        for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
        return n;
    }

private:
    int fd_;
    bool connected_ = false;
};

std::string get_request(const std::string& target, const std::string& key) {
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nOcp-Apim-Subscription-Key: " + key + "\r\n\r\n";
}

}  // namespace

TEST_CASE("connection: pipelined requests sent in one write are all answered, in order") {
    SandboxProcess sb;
    RawConnection c(sb.port());
    REQUIRE(c.connected());
    std::string batch;
    for (int i = 1; i <= 5; ++i) batch += get_request("/pipeline/leads/" + std::to_string(1000 + i), sb.api_key());
    REQUIRE(c.send_all(batch));
    std::string got = c.read_until("HTTP/1.1 404", 5);
    REQUIRE(RawConnection::count(got, "HTTP/1.1 404") == 5);
    size_t at = 0;
    for (int i = 1; i <= 5; ++i) {  // each answer names its own id, in the order asked
        size_t next = got.find("lead " + std::to_string(1000 + i) + " not found", at);
        INFO("answer " << i << " in: " << got);
        REQUIRE(next != std::string::npos);
        at = next;
    }
}

TEST_CASE("connection: Expect 100-continue gets its 100 before the body is sent, then the answer") {
    SandboxProcess sb;
    RawConnection c(sb.port());
    REQUIRE(c.connected());
    const std::string body = R"({"title":"after continue"})";
    REQUIRE(c.send_all("POST /pipeline/leads HTTP/1.1\r\nHost: localhost\r\nOcp-Apim-Subscription-Key: " +
                       sb.api_key() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n"));
    // The body is held back until the interim answer arrives: were it buffered, this would wait.
    std::string interim = c.read_until("\r\n\r\n", 1);
    REQUIRE(interim.rfind("HTTP/1.1 100 Continue\r\n", 0) == 0);
    REQUIRE(c.send_all(body));
    std::string answer = c.read_until("after continue", 1);
    CHECK(answer.rfind("HTTP/1.1 201", 0) == 0);
}

TEST_CASE("connection: status line, headers and body of a large page arrive whole, also with keep-alive") {
    SandboxProcess sb({"--seed-records", "400"});
    RawConnection c(sb.port());
    REQUIRE(c.connected());
    // Pages of ~100 records are larger than the gathering buffer: they go out with their headers.
    for (int round = 0; round < 3; ++round) {
        REQUIRE(c.send_all(get_request("/pipeline/leads?size=100&page=1", sb.api_key())));
        std::string head = c.read_until("\r\n\r\n", 1);
        REQUIRE(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
        size_t cl = head.find("Content-Length: ");
        REQUIRE(cl != std::string::npos);
        size_t length = std::stoul(head.substr(cl + 16));
        size_t header_end = head.find("\r\n\r\n") + 4;
        std::string rest = head.substr(header_end);
        while (rest.size() < length) {
            std::string more = c.read_until("]}", 1);
            REQUIRE_FALSE(more.empty());
            rest += more;
        }
        CHECK(rest.size() == length);
        CHECK(rest.substr(rest.size() - 2) == "]}");
    }
}

TEST_CASE("read snapshots kept between requests: a read begun after a commit was answered sees it") {
    SandboxProcess sb;
    constexpr int kCreates = 40;
    std::atomic<int> acknowledged{0};  // creates answered 201 so far
    std::atomic<bool> done{false};
    std::atomic<int> stale{0}, reads{0};
    {  // httplib's client statics, built before the threads (see concurrency_test.cpp)
        Http warm(sb);
        REQUIRE(warm.get("/pipeline/leads?size=1").status == 200);
    }
    // Readers on their own connections, busy while the writer commits: their pooled SQLite
    // connections hold snapshots across requests, which must never hide an answered write.
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&] {
            Http h(sb);
            while (!done) {
                int before = acknowledged.load();
                auto page = h.get("/pipeline/leads?size=1000");
                ++reads;
                if (page.status != 200 || page.count() < before) ++stale;
                if (before > 0 && h.get("/pipeline/leads/" + std::to_string(before)).status != 200) ++stale;
            }
        });
    }
    Http writer(sb);
    for (int i = 1; i <= kCreates; ++i) {
        REQUIRE(writer.post("/pipeline/leads", R"({"title":"seen at once"})").status == 201);
        acknowledged = i;
        // A change, not only a create: the next read anywhere shows the new text.
        REQUIRE(writer.patch("/pipeline/leads/" + std::to_string(i), R"({"title":"renamed"})").status == 200);
        Http fresh(sb);
        CHECK(fresh.get("/pipeline/leads/" + std::to_string(i)).str("title") == "renamed");
    }
    done = true;
    for (auto& r : readers) r.join();
    CHECK(reads > 0);
    CHECK(stale == 0);
}
