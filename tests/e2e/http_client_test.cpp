// The HTTP client against a real crm-sandbox: retries, shared 429 backoff, timeouts, drops,
// interrupts and redaction, with request counts read from the sandbox's access log.
#include "http/client.h"
#include "http/interrupt.h"
#include "support/fake_server.h"
#include "support/sandbox_process.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <sstream>
#include <thread>

using namespace crm::http;
using crmtest::SandboxProcess;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

ClientConfig config_for(const SandboxProcess& sandbox) {
    ClientConfig c;
    c.base_url = sandbox.base_url();
    c.api_key = sandbox.api_key();
    c.user_agent = "crm/test";
    c.timeout_s = 5;
    c.connect_timeout_s = 2;
    c.retries = 2;  // keeps the worst-case backoff (250 + 500 ms) inside a quick test
    return c;
}

Request get_leads() {
    Request r;
    r.path = "/pipeline/leads";
    return r;
}

Request create_lead() {
    Request r;
    r.method = "POST";
    r.path = "/pipeline/leads";
    r.body = R"({"title":"x"})";
    return r;
}

// Access lines "METHOD /path STATUS 1.2ms" whose method and status match ("" = any status).
int count_lines(const SandboxProcess& sandbox, const std::string& method, const std::string& status = "") {
    std::istringstream in(sandbox.stderr_text());
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string m, target, s;
        words >> m >> target >> s;
        if (m == method && target.starts_with("/pipeline/leads") && (status.empty() || s == status)) ++n;
    }
    return n;
}

// A dropped request is logged after the connection is shut, so the client may see the drop
// first: wait for the expected count (then a little longer, to catch any extra request).
int settled_count(const SandboxProcess& sandbox, const std::string& method, const std::string& status, int expected) {
    const auto deadline = Clock::now() + milliseconds(1000);
    while (count_lines(sandbox, method, status) < expected && Clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(10));
    }
    std::this_thread::sleep_for(milliseconds(50));
    return count_lines(sandbox, method, status);
}

// A port that refuses connections: bound by the kernel's choice, then released.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("client: a GET and a POST reach the sandbox once each", "[http][e2e]") {
    SandboxProcess sandbox({"--log"});
    auto client = make_client(config_for(sandbox));

    Result created = client->send(create_lead());
    REQUIRE(created.ok());
    CHECK(created.response.status == 201);
    CHECK(created.attempts == 1);
    CHECK(created.request_sent);
    CHECK(created.response.header("content-type").value_or("").starts_with("application/json"));

    Request list = get_leads();
    list.query = {{"title", "x"}};
    Result listed = client->send(list);
    REQUIRE(listed.ok());
    CHECK(listed.response.status == 200);
    CHECK(listed.response.body.find("\"x\"") != std::string::npos);
    CHECK(count_lines(sandbox, "POST") == 1);
    CHECK(count_lines(sandbox, "GET") == 1);
}

TEST_CASE("client: 401 and 403 are answers, not retried", "[http][e2e]") {
    SandboxProcess sandbox({"--log"});
    ClientConfig wrong = config_for(sandbox);
    wrong.api_key = "not-the-key-at-all";
    CHECK(make_client(wrong)->send(get_leads()).response.status == 401);

    ClientConfig readonly = config_for(sandbox);
    readonly.api_key = sandbox.readonly_key();
    Result r = make_client(readonly)->send(create_lead());
    CHECK(r.response.status == 403);
    CHECK(r.attempts == 1);
    CHECK(count_lines(sandbox, "GET") == 1);
    CHECK(count_lines(sandbox, "POST") == 1);
}

TEST_CASE("client: 503 retries a GET, never a POST", "[http][e2e]") {
    SandboxProcess sandbox({"--log", "--fail-rate", "1"});
    auto client = make_client(config_for(sandbox));

    Result get = client->send(get_leads());
    CHECK(get.response.status == 503);
    CHECK(get.attempts == 3);
    CHECK(count_lines(sandbox, "GET", "503") == 3);

    Result post = client->send(create_lead());
    CHECK(post.response.status == 503);
    CHECK(post.attempts == 1);
    CHECK(count_lines(sandbox, "POST") == 1);

    Request bulk = create_lead();
    bulk.idempotent = true;  // e.g. a bulk delete: repeating it is harmless
    CHECK(client->send(bulk).attempts == 3);
}

TEST_CASE("client: the retry budget bounds retries over the client's lifetime", "[http][e2e]") {
    SandboxProcess sandbox({"--log", "--fail-rate", "1"});
    ClientConfig config = config_for(sandbox);
    config.retry_budget = 1;
    auto client = make_client(config);
    CHECK(client->send(get_leads()).attempts == 2);
    CHECK(client->send(get_leads()).attempts == 1);
    CHECK(count_lines(sandbox, "GET") == 3);
}

TEST_CASE("client: the retry budget grows with the requests sent, so long runs may retry", "[http][e2e]") {
    SandboxProcess sandbox({"--log", "--fail-rate", "1"});
    ClientConfig config = config_for(sandbox);
    config.retry_budget = 0;
    config.retry_budget_ratio = 0.5;
    auto client = make_client(config);
    CHECK(client->send(get_leads()).attempts == 1);  // half a token: no retry yet
    CHECK(client->send(get_leads()).attempts == 2);  // a whole token: one retry
    CHECK(count_lines(sandbox, "GET") == 3);
}

TEST_CASE("client: a dropped POST is carried out once and reported as sent", "[http][e2e]") {
    SandboxProcess sandbox({"--log", "--drop-rate", "1"});
    auto client = make_client(config_for(sandbox));

    Result post = client->send(create_lead());
    CHECK(post.failure == Failure::dropped);
    CHECK(post.request_sent);
    CHECK(post.attempts == 1);
    CHECK(post.error.find(sandbox.api_key()) == std::string::npos);
    CHECK(settled_count(sandbox, "POST", "dropped", 1) == 1);

    Result get = client->send(get_leads());
    CHECK(get.failure == Failure::dropped);
    CHECK(get.attempts == 3);
    CHECK(settled_count(sandbox, "GET", "dropped", 3) == 3);
}

TEST_CASE("client: a POST after reads on a kept-alive connection reaches the server at most once", "[http][e2e]") {
    // libcurl on its own resends a request whose reused connection died unanswered; with the
    // sandbox dropping 30% of connections after carrying the request out, that would create
    // some records twice. Non-idempotent requests get a fresh connection, so never.
    SandboxProcess sandbox({"--log", "--drop-rate", "0.3"});
    ClientConfig config = config_for(sandbox);
    config.retries = 10;
    auto client = make_client(config);
    constexpr int kPosts = 40;
    for (int i = 0; i < kPosts; ++i) {
        client->send(get_leads());
        client->send(create_lead());
    }
    CHECK(settled_count(sandbox, "POST", "", kPosts) == kPosts);
}

TEST_CASE("client: a connection refused is retried whatever the method, nothing sent", "[http][e2e]") {
    ClientConfig config;
    config.base_url = "http://127.0.0.1:" + std::to_string(closed_port());
    config.api_key = "0123456789abcdef";
    config.retries = 1;
    Result r = make_client(config)->send(create_lead());
    CHECK(r.failure == Failure::connect);
    CHECK_FALSE(r.request_sent);
    CHECK(r.attempts == 2);
    CHECK_FALSE(r.error.empty());
}

TEST_CASE("client: a slow answer times out", "[http][e2e][timing]") {
    SandboxProcess sandbox({"--latency-ms", "1000"});
    ClientConfig config = config_for(sandbox);
    config.timeout_s = 0.2;
    config.retries = 0;
    const auto start = Clock::now();
    Result r = make_client(config)->send(get_leads());
    CHECK(r.failure == Failure::timeout);
    CHECK(r.request_sent);
    CHECK(seconds_since(start) < 1.0);
}

TEST_CASE("client: a response over the size cap fails as too_large", "[http][e2e]") {
    SandboxProcess sandbox;
    ClientConfig config = config_for(sandbox);
    config.max_response_bytes = 8;
    Result r = make_client(config)->send(get_leads());
    CHECK(r.failure == Failure::too_large);
    CHECK(r.attempts == 1);
}

TEST_CASE("client: Retry-After is honoured, and capped", "[http][e2e][timing]") {
    SandboxProcess sandbox({"--log", "--rate-limit", "1"});
    ClientConfig config = config_for(sandbox);
    config.max_retry_after_s = 0.1;  // the sandbox asks for 1 s
    auto client = make_client(config);
    REQUIRE(client->send(get_leads()).response.status == 200);

    const auto start = Clock::now();
    Result capped = client->send(get_leads());
    CHECK(capped.response.status == 429);
    CHECK(capped.attempts == 3);
    CHECK(seconds_since(start) < 0.6);
    CHECK(count_lines(sandbox, "GET", "429") == 3);
}

namespace {

// An IMF-fixdate (RFC 9110), `from_now` away.
std::string http_date(std::chrono::seconds from_now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

struct Waited {
    int attempts = 0;
    double seconds = 0;
};

// One GET to a server that answers 429 with this Retry-After once, then 200.
Waited after_429(const std::string& retry_after) {
    std::atomic<int> calls{0};
    crmtest::FakeServer server([&](httplib::Server& s) {
        s.Get("/pipeline/leads", [&](const httplib::Request&, httplib::Response& response) {
            if (calls++ == 0) {
                response.status = 429;
                response.set_header("Retry-After", retry_after);
            }
            response.set_content("{}", "application/json");
        });
    });
    ClientConfig config;
    config.base_url = server.url();
    config.api_key = "0123456789abcdef";
    config.retries = 2;
    const auto start = Clock::now();
    Result r = make_client(config)->send(get_leads());
    Waited out{r.attempts, seconds_since(start)};
    CHECK(r.response.status == 200);
    return out;
}

}  // namespace

TEST_CASE("client: Retry-After in seconds or as an HTTP-date is honoured (read by libcurl)", "[http][e2e][timing]") {
    // The first retry's backoff is at most 250 ms: a wait of a second or more is the server's.
    const Waited seconds = after_429("1");
    CHECK(seconds.attempts == 2);
    CHECK(seconds.seconds >= 0.95);
    CHECK(seconds.seconds < 1.9);

    // A date two seconds ahead, at one-second resolution: one to two seconds from now.
    const Waited date = after_429(http_date(std::chrono::seconds(2)));
    CHECK(date.attempts == 2);
    CHECK(date.seconds >= 0.95);
    CHECK(date.seconds < 2.9);
}

TEST_CASE("client: a Retry-After of now, in the past or unreadable falls back to the backoff", "[http][e2e][timing]") {
    for (const std::string& value : {std::string("0"), std::string("soon"), std::string("-5"),
                                     http_date(-std::chrono::seconds(30)), std::string("99999999999999999999999")}) {
        INFO(value);
        const Waited waited = after_429(value);
        CHECK(waited.attempts == 2);
        CHECK(waited.seconds < 0.6);
    }
}

TEST_CASE("send_many: one 429 pauses every transfer until Retry-After", "[http][e2e][timing]") {
    // Two requests per one-second window: the third gets 429 + Retry-After: 1. Had the other
    // transfers not paused with it, the fourth would have started at once and been refused too.
    // One at a time, so that no transfer is already in flight when the 429 arrives.
    SandboxProcess sandbox({"--log", "--rate-limit", "2"});
    auto client = make_client(config_for(sandbox));
    const std::vector<Request> requests(4, get_leads());
    std::vector<Result> results(requests.size());
    const auto caller = std::this_thread::get_id();
    bool on_caller_thread = true;

    const auto start = Clock::now();
    client->send_many(requests, 1, [&](size_t i, Result&& r) {
        on_caller_thread = on_caller_thread && std::this_thread::get_id() == caller;
        results.at(i) = std::move(r);
    });
    const double elapsed = seconds_since(start);

    CHECK(on_caller_thread);
    int retried = 0;
    for (const Result& r : results) {
        CHECK(r.response.status == 200);
        retried += r.attempts - 1;
    }
    CHECK(retried == 1);
    CHECK(count_lines(sandbox, "GET", "429") == 1);
    CHECK(count_lines(sandbox, "GET", "200") == 4);
    CHECK(elapsed >= 0.9);
    CHECK(elapsed < 1.9);
}

TEST_CASE("send_many: at most `parallel` in flight", "[http][e2e][timing]") {
    SandboxProcess sandbox({"--latency-ms", "200"});
    auto client = make_client(config_for(sandbox));
    const std::vector<Request> requests(6, get_leads());
    int ok = 0;
    const auto start = Clock::now();
    client->send_many(requests, 3, [&](size_t, Result&& r) { ok += r.response.status == 200; });
    const double elapsed = seconds_since(start);
    CHECK(ok == 6);
    CHECK(elapsed >= 0.39);  // two rounds of three
    CHECK(elapsed < 0.8);
}

TEST_CASE("send_many: an interrupt aborts in-flight and waiting transfers quickly", "[http][e2e][timing]") {
    SandboxProcess sandbox({"--latency-ms", "1000"});
    auto client = make_client(config_for(sandbox));
    const std::vector<Request> requests(4, get_leads());
    std::vector<Failure> failures(requests.size(), Failure::none);

    std::thread interrupter([] {
        std::this_thread::sleep_for(milliseconds(100));
        request_interrupt();  // what the SIGINT handler does
    });
    const auto start = Clock::now();
    client->send_many(requests, 2, [&](size_t i, Result&& r) { failures.at(i) = r.failure; });
    const double elapsed = seconds_since(start);
    interrupter.join();
    clear_interrupt();

    for (Failure f : failures) CHECK(f == Failure::aborted);
    CHECK(elapsed < 0.5);
}

TEST_CASE("client: --rate spaces requests", "[http][e2e][timing]") {
    SandboxProcess sandbox;
    ClientConfig config = config_for(sandbox);
    config.rate = 10;
    auto client = make_client(config);
    const auto start = Clock::now();
    for (int i = 0; i < 4; ++i) REQUIRE(client->send(get_leads()).ok());
    CHECK(seconds_since(start) >= 0.29);
}

TEST_CASE("client: --verbose lines show the exchange, never the key", "[http][e2e]") {
    SandboxProcess sandbox;
    for (AuthMode mode : {AuthMode::header, AuthMode::query}) {
        std::vector<std::string> lines;
        ClientConfig config = config_for(sandbox);
        config.auth = mode;
        config.log = [&lines](std::string_view line) { lines.emplace_back(line); };
        REQUIRE(make_client(config)->send(create_lead()).response.status == 201);

        std::string all;
        for (const auto& line : lines) all += line + '\n';
        INFO(all);
        CHECK(all.find(sandbox.api_key()) == std::string::npos);
        CHECK(all.find("> POST /pipeline/leads") != std::string::npos);
        CHECK(all.find("< HTTP/1.1 201") != std::string::npos);
        CHECK(all.find("> Content-Type: application/json") != std::string::npos);
        CHECK(all.find("> User-Agent: crm/test") != std::string::npos);
        CHECK(all.find("{\"title\"") == std::string::npos);  // bodies stay out
        const std::string masked = redact_key(sandbox.api_key());
        if (mode == AuthMode::header) CHECK(all.find("> Ocp-Apim-Subscription-Key: " + masked) != std::string::npos);
        else CHECK(all.find("subscription-key=" + masked) != std::string::npos);
    }
}
