// A server that answers garbage: crm must fail loudly with one line and exit 1, never print a
// half-parsed result. The server is a real local HTTP server (cpp-httplib) in this process.
#include "e2e.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <thread>

using namespace crmtest;

namespace {

class GarbageServer {
public:
    GarbageServer() {
        server_.Get("/pipeline/leads", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("<html>maintenance</html>", "text/html");  // 200, not JSON
        });
        server_.Get("/pipeline/leads/1", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"item": {"id": "1", "title": "cut of)", "application/json");  // truncated
        });
        server_.Get("/pipeline/leads/2", [](const httplib::Request&, httplib::Response& res) {
            res.status = 502;
            res.set_content("<html><h1>502 Bad Gateway</h1></html>", "text/html");
        });
        server_.Get("/directory/contacts", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"page": 1, "total": 3})", "application/json");  // no items
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // bind_to_any_port already listens: connections queue until the accept loop runs.
    }
    ~GarbageServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

RunResult crm_at(const std::string& url, const std::vector<std::string>& args) {
    RunOptions options;
    options.env = {{"CRM_BASE_URL", url}, {"CRM_API_KEY", "garbage-test-key-0000"}, {"CRM_RETRIES", "0"},
                   {"XDG_CONFIG_HOME", "/nonexistent-crm-config"}};
    return run_crm(args, options);
}

}  // namespace

TEST_CASE("garbage: non-JSON, truncated JSON, HTML errors and missing items fail loudly", "[e2e][errors]") {
    GarbageServer server;

    auto html = crm_at(server.url(), {"leads", "list"});
    CHECK(html.exit_code == 1);
    CHECK(html.out.empty());
    CHECK(html.err.find("unreadable response") != std::string::npos);
    CHECK(std::count(html.err.begin(), html.err.end(), '\n') == 1);

    auto truncated = crm_at(server.url(), {"leads", "get", "1"});
    CHECK(truncated.exit_code == 1);
    CHECK(truncated.out.empty());

    auto bad_gateway = crm_at(server.url(), {"leads", "get", "2"});
    CHECK(bad_gateway.exit_code == 7);
    CHECK(bad_gateway.err.find("HTTP 502, GET /pipeline/leads/2") != std::string::npos);
    CHECK(bad_gateway.err.find('\n') == bad_gateway.err.size() - 1);  // one line, even from HTML

    auto no_items = crm_at(server.url(), {"contacts", "list", "--all"});
    CHECK(no_items.exit_code == 1);
    CHECK(no_items.out.empty());
    CHECK(no_items.err.find("no \"items\"") != std::string::npos);
}
