// --dry-run prints a curl command that sends byte-for-byte the request crm sends (CLI.md §8).
// A local server records the raw bytes of every request it receives; the test runs the printed
// command with /bin/sh and curl, runs the same crm command for real, and compares the bytes:
// request line, headers in order, body.
#include "support/process.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace crmtest;

namespace {

constexpr const char* kKey = "0123456789abcdef0123456789abcdef";

// One request per connection, recorded as received; every answer is the same small JSON
// document with "Connection: close".
class RecordingServer {
public:
    RecordingServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        const int yes = 1;
        ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(::listen(fd_, 16) == 0);
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~RecordingServer() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    RecordingServer(const RecordingServer&) = delete;
    RecordingServer& operator=(const RecordingServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::vector<std::string> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        requests_.clear();
    }

private:
    void serve() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int connection = ::accept(fd_, nullptr, nullptr);
            if (connection < 0) continue;
            handle(connection);
            ::close(connection);
        }
    }

    static size_t content_length(std::string head) {
        std::ranges::transform(head, head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const size_t at = head.find("\r\ncontent-length:");
        return at == std::string::npos ? 0 : std::stoul(head.substr(at + 17));
    }

    void handle(int connection) {
        timeval timeout{5, 0};
        ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string data;
        size_t head_end = std::string::npos;
        size_t body_length = 0;
        while (head_end == std::string::npos || data.size() < head_end + 4 + body_length) {
            char buffer[4096];
            const ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
            if (n <= 0) return;
            data.append(buffer, static_cast<size_t>(n));
            if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
                body_length = content_length(data.substr(0, head_end));
            }
        }
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(data.substr(0, head_end + 4 + body_length));
        }
        const std::string body = R"({"item":{"id":"7","title":"x"},"items":[],"total":0})";
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        (void)!::send(connection, answer.data(), answer.size(), MSG_NOSIGNAL);
    }

    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
};

// A clean environment for crm and curl alike: no profile, no ~/.curlrc.
RunOptions env_for(const RecordingServer& server, const std::string& auth) {
    static const std::string home = [] {
        auto dir = std::filesystem::temp_directory_path() / ("crm-e2e-dry-run-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return dir.string();
    }();
    RunOptions options;
    options.env = {{"CRM_BASE_URL", server.url()}, {"CRM_API_KEY", kKey}, {"CRM_AUTH", auth},
                   {"XDG_CONFIG_HOME", home},      {"HOME", home},         {"CURL_HOME", home},
                   {"NO_COLOR", "1"}};
    options.unset_env = {"CRM_PROFILE", "CRM_OUTPUT", "CRM_TIMEOUT", "CRM_RETRIES", "CRM_RATE", "CRM_API_KEY_COMMAND"};
    return options;
}

// Runs `args` with --dry-run (nothing may reach the server), then the printed command with
// /bin/sh, then `args` for real, and compares what reached the server from curl and from crm
// (the last request of each). The request crm sent must begin with `expect`.
void same_request(const std::vector<std::string>& args, const std::string& auth, const std::string& expect) {
    RecordingServer server;
    const RunOptions options = env_for(server, auth);

    std::vector<std::string> dry = args;
    dry.push_back("--dry-run");
    const RunResult printed = run_crm(dry, options);
    INFO(printed.err);
    REQUIRE(printed.exit_code == 0);
    REQUIRE(server.requests().empty());  // a dry run of these sends nothing at all
    std::string command = printed.out;
    while (!command.empty() && command.back() == '\n') command.pop_back();
    REQUIRE(command.find('\n') == std::string::npos);  // one request, one line
    INFO(command);
    CHECK(command.find(kKey) == std::string::npos);

    const RunResult by_curl = run({"/bin/sh", "-c", command + " -sS -o /dev/null"}, options);
    INFO(by_curl.err);
    REQUIRE(by_curl.exit_code == 0);
    const auto from_curl = server.requests();
    REQUIRE(from_curl.size() == 1);

    server.clear();
    const RunResult real = run_crm(args, options);
    INFO(real.err);
    const auto from_crm = server.requests();
    REQUIRE_FALSE(from_crm.empty());

    const std::string& sent = from_crm.back();
    CHECK(sent.starts_with(expect));
    CHECK(sent.find(std::string("User-Agent: crm/")) != std::string::npos);
    // Byte for byte: request line, Host, every header in the same order, body.
    CHECK(from_curl.front() == sent);
}

}  // namespace

TEST_CASE("dry run: a create's curl command sends what crm sends", "[e2e][dry-run]") {
    same_request({"leads", "create", "-f", "title=O'Brien & \"co\" $HOME", "-o", "json"}, "header", "POST /pipeline/leads HTTP/1.1\r\n");
}

TEST_CASE("dry run: an update's curl command sends what crm sends", "[e2e][dry-run]") {
    same_request({"leads", "update", "7", "-f", "title=Renamed it's", "-o", "json"}, "header", "PATCH /pipeline/leads/7 HTTP/1.1\r\n");
}

TEST_CASE("dry run: a bodiless POST's curl command sends what crm sends", "[e2e][dry-run]") {
    same_request({"api", "-X", "POST", "/pipeline/leads/7/convert"}, "header", "POST /pipeline/leads/7/convert HTTP/1.1\r\n");
}

TEST_CASE("dry run: with the key in the query, a list's curl command sends what crm sends", "[e2e][dry-run]") {
    same_request({"leads", "list", "-o", "json"}, "query", "GET /pipeline/leads?");
    same_request({"api", "/pipeline/leads?x=a+b%2Bc", "-q", "title=Big deal & co=1"}, "query",
                 std::string("GET /pipeline/leads?x=a%20b%2bc&title=Big%20deal%20%26%20co%3d1&subscription-key=") + kKey +
                     " HTTP/1.1\r\n");
}
