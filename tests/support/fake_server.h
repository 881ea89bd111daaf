// A programmable local HTTP server (cpp-httplib, in the test process) for the shapes the
// sandbox does not serve: lying totals, redirects, hostile bodies. It counts what it received,
// so a test can assert what reached the server.
#pragma once
#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crmtest {

class FakeServer {
public:
    // `routes` registers handlers on the server before it starts listening.
    explicit FakeServer(const std::function<void(httplib::Server&)>& routes) {
        routes(server_);
        server_.set_logger([this](const httplib::Request& request, const httplib::Response&) {
            std::lock_guard lock(mutex_);
            seen_.push_back(request.method + " " + request.path);
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~FakeServer() {
        server_.stop();
        thread_.join();
    }
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // "GET /pipeline/leads" lines of the requests answered so far.
    std::vector<std::string> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> seen_;
};

}  // namespace crmtest
