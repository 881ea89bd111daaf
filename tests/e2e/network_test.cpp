// --debug, TLS and proxies (CLI.md §14): crm against the sandbox, behind a TLS relay whose
// certificate comes from a private CA made here (openssl), and through a CONNECT proxy (both
// middlemen are tests/support/relay.py).
#include "e2e.h"
#include "support/fake_server.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>
#include <stdexcept>
#include <thread>
#include <unistd.h>

using namespace crmtest;
namespace fs = std::filesystem;

namespace {

const std::string kNetKey = "net-secret-key-0123456789-qrst";
const std::string kMasked = "****qrst";

bool have(const std::string& tool) { return run({"/bin/sh", "-c", "command -v " + tool}).exit_code == 0; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void check_no_key(const RunResult& r) {
    CHECK_FALSE(contains(r.out, kNetKey));
    CHECK_FALSE(contains(r.err, kNetKey));
}

// A relay.py middleman in the background for the length of a test.
class Relay {
public:
    Relay(const TempDir& dir, const std::string& name, const std::vector<std::string>& args) {
        const std::string port_file = dir / (name + ".port");
        // Debian's python3 (what scripts/setup.sh installs) before whatever PATH has: a version
        // manager's shim can take seconds to start.
        std::string command = "py=/usr/bin/python3; [ -x $py ] || py=python3; $py '" + std::string(CRM_TEST_RELAY) + "'";
        for (const auto& arg : args) command += " '" + arg + "'";
        command += " '" + port_file + "' >'" + dir / (name + ".log") + "' 2>&1 & echo $!";
        pid_ = std::stoi(run({"/bin/sh", "-c", command}).out);
        // Python's start-up on a loaded machine: a deadline, not a measurement.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!fs::exists(port_file) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::ifstream(port_file) >> port_;
        if (port_ == 0) {
            ::kill(pid_, SIGTERM);
            throw std::runtime_error("relay.py " + name + " did not start: " + read_file(dir / (name + ".log")));
        }
    }
    ~Relay() { ::kill(pid_, SIGTERM); }
    Relay(const Relay&) = delete;
    Relay& operator=(const Relay&) = delete;
    int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

// Two private CAs (ca.pem signs the server's certificate for localhost and 127.0.0.1,
// other-ca.pem signs nothing) in `dir`.
void make_certificates(const TempDir& dir) {
    const std::string script = R"(set -e
key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
openssl req -x509 $key -keyout ca.key -out ca.pem -days 2 -subj "/CN=crm test CA"
openssl req -x509 $key -keyout other-ca.key -out other-ca.pem -days 2 -subj "/CN=another CA"
openssl req $key -keyout server.key -out server.csr -subj "/CN=localhost"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf
)";
    auto r = run({"/bin/sh", "-c", script}, RunOptions{.cwd = dir.path.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

// The sandbox (--log) behind the TLS relay, its certificate for localhost from the private CA
// in `dir`.
struct HttpsSandbox {
    SandboxProcess sandbox{{"--log"}};
    TempDir dir{"net"};
    std::optional<Relay> tls;

    HttpsSandbox() {
        make_certificates(dir);
        tls.emplace(dir, "tls",
                    std::vector<std::string>{"tls", dir / "server.pem", dir / "server.key", std::to_string(sandbox.port())});
    }
    std::string host() const { return "localhost:" + std::to_string(tls->port()); }
};

bool can_run_tls_tests() {
    if (have("openssl") && (have("/usr/bin/python3") || have("python3"))) return true;
    WARN("SKIP: the TLS and proxy tests need the openssl and python3 commands (scripts/setup.sh installs them)");
    return false;
}

}  // namespace

TEST_CASE("debug: --debug shows both bodies and the time of each phase, never the key", "[e2e][debug]") {
    SandboxProcess sandbox({"--primary-key", kNetKey});
    auto r = crm(sandbox, {"--debug", "leads", "create", "-f", "title=Debug me"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "* request body (20 bytes)\n> {\"title\":\"Debug me\"}\n"));
    CHECK(contains(r.err, "* response body ("));
    CHECK(contains(r.err, "< {\"item\":{\"id\":\""));
    CHECK(contains(r.err, "* time: dns "));
    CHECK(contains(r.err, ", first byte "));
    CHECK(contains(r.err, "> Ocp-Apim-Subscription-Key: " + kMasked + "\n"));  // what --verbose shows too
    check_no_key(r);
}

TEST_CASE("debug: the key stays out however it is given (environment, config file, query)", "[e2e][debug][secrets]") {
    SandboxProcess sandbox({"--primary-key", kNetKey});
    TempDir home{"net-home"};
    fs::create_directories(home.path / "crm");
    std::ofstream(home / "crm/config.toml") << "[profiles.default]\nbase_url = '" << sandbox.base_url()
                                             << "'\napi_key = '" << kNetKey << "'\n";
    fs::permissions(home / "crm/config.toml", fs::perms::owner_read | fs::perms::owner_write);

    SECTION("environment, header") {
        auto r = crm(sandbox, {"--debug", "leads", "list"});
        CHECK(r.exit_code == 0);
        check_no_key(r);
    }
    SECTION("config file") {
        auto r = crm(sandbox, {"--debug", "leads", "list"},
                     RunOptions{.env = {{"XDG_CONFIG_HOME", home.path.string()}}, .unset_env = {"CRM_API_KEY"}});
        CHECK(r.exit_code == 0);
        CHECK(contains(r.err, kMasked));
        check_no_key(r);
    }
    SECTION("query") {
        auto r = crm(sandbox, {"--debug", "leads", "create", "-f", "title=q"}, RunOptions{.env = {{"CRM_AUTH", "query"}}});
        CHECK(r.exit_code == 0);
        CHECK(contains(r.err, "subscription-key=" + kMasked));
        CHECK(contains(r.err, "* response body"));
        check_no_key(r);
    }
}

TEST_CASE("debug: --debug gives each retry its reason and wait: a status, or libcurl's error", "[e2e][debug]") {
    SECTION("503") {
        SandboxProcess sandbox({"--fail-rate", "1"});
        auto r = crm(sandbox, {"--debug", "--retries", "1", "leads", "list"});
        CHECK(r.exit_code == 7);
        CHECK(contains(r.err, "* HTTP 503 on GET /pipeline/leads: retry 1 of 1 in "));
        CHECK(contains(r.err, " ms (backoff)\n"));
        CHECK(contains(r.err, "injected by --fail-rate"));  // the body of the 503
    }
    SECTION("a dropped connection") {
        SandboxProcess sandbox({"--drop-rate", "1"});
        auto r = crm(sandbox, {"--debug", "--retries", "1", "leads", "list"});
        CHECK(r.exit_code == 8);
        CHECK(contains(r.err, "* dropped (Empty reply from server) on GET /pipeline/leads: retry 1 of 1 in "));
    }
}

TEST_CASE("debug: a 429's retry says it waits as Retry-After asks", "[e2e][debug]") {
    std::atomic<int> calls{0};
    FakeServer server([&](httplib::Server& s) {
        s.Get("/pipeline/leads", [&](const httplib::Request&, httplib::Response& response) {
            if (calls++ == 0) {
                response.status = 429;
                response.set_header("Retry-After", "1");
            }
            response.set_content(R"({"items":[]})", "application/json");
        });
    });
    auto r = run_crm({"--debug", "leads", "list"},
                     RunOptions{.env = {{"CRM_BASE_URL", server.url()}, {"CRM_API_KEY", kNetKey},
                                        {"XDG_CONFIG_HOME", "/nonexistent-crm-config"}},
                                .unset_env = {"CRM_PROFILE", "CRM_OUTPUT", "CRM_RETRIES", "CRM_AUTH", "http_proxy",
                                              "ALL_PROXY", "all_proxy"}});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "* HTTP 429 on GET /pipeline/leads: retry 1 of 3 in 1000 ms (Retry-After: 1 s)\n"));
    CHECK(calls == 2);
    check_no_key(r);
}

TEST_CASE("debug: --debug cuts a body at 4 KB and says how big it was", "[e2e][debug]") {
    SandboxProcess sandbox;
    const std::string title(6000, 'x');
    auto r = crm(sandbox, {"--debug", "leads", "create", "-f", "title=" + title});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "* request body (6012 bytes, the first 4096 shown)\n> {\"title\":\"xxx"));
    CHECK_FALSE(contains(r.err, title));
}

TEST_CASE("debug: CRM_DEBUG=1 is --debug, empty or 0 is not", "[e2e][debug]") {
    SandboxProcess sandbox;
    auto on = crm(sandbox, {"leads", "list"}, RunOptions{.env = {{"CRM_DEBUG", "1"}}});
    CHECK(contains(on.err, "* response body"));
    for (const char* off : {"", "0"}) {
        auto r = crm(sandbox, {"leads", "list"}, RunOptions{.env = {{"CRM_DEBUG", off}}});
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
    }
}

TEST_CASE("TLS with a private CA: refused without it, accepted with --cacert, CRM_CA_BUNDLE or SSL_CERT_FILE", "[e2e][tls]") {
    if (!can_run_tls_tests()) return;
    HttpsSandbox https;
    const auto& [sandbox, dir] = std::tie(https.sandbox, https.dir);
    create_lead(sandbox, "Behind TLS");
    const std::string url = "https://" + https.host();
    auto list = [&](std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        args.insert(args.begin(), {"--base-url", url});
        args.insert(args.end(), {"leads", "list", "--jq", ".title"});
        return crm(sandbox, args, RunOptions{.env = std::move(env)});
    };

    auto refused = list({});
    CHECK(refused.exit_code == 8);
    CHECK(refused.out.empty());
    CHECK(refused.err ==
          "crm: cannot list leads: GET /pipeline/leads: SSL certificate problem: unable to get local issuer certificate "
          "(a private CA or a TLS-inspecting proxy? give its certificate with --cacert FILE or CRM_CA_BUNDLE)\n");

    CHECK(list({"--cacert", dir / "ca.pem"}).out == "Behind TLS\n");
    CHECK(list({}, {{"CRM_CA_BUNDLE", dir / "ca.pem"}}).out == "Behind TLS\n");
    CHECK(list({}, {{"SSL_CERT_FILE", dir / "ca.pem"}}).out == "Behind TLS\n");

    // Precedence: --cacert, then CRM_CA_BUNDLE, then the profile, then SSL_CERT_FILE.
    CHECK(list({"--cacert", dir / "other-ca.pem"}, {{"CRM_CA_BUNDLE", dir / "ca.pem"}}).exit_code == 8);
    CHECK(list({}, {{"CRM_CA_BUNDLE", dir / "other-ca.pem"}, {"SSL_CERT_FILE", dir / "ca.pem"}}).exit_code == 8);
    CHECK(list({"--cacert", dir / "ca.pem"}, {{"SSL_CERT_FILE", dir / "other-ca.pem"}}).out == "Behind TLS\n");

    auto missing = list({"--cacert", "/nonexistent/ca.pem"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "crm: --cacert must name a readable CA bundle (PEM): No such file or directory, got "
                         "'/nonexistent/ca.pem'\n");
}

TEST_CASE("insecure: --insecure is refused off a terminal unless CRM_ALLOW_INSECURE=1, and always warned about", "[e2e][tls]") {
    if (!can_run_tls_tests()) return;
    HttpsSandbox https;
    const SandboxProcess& sandbox = https.sandbox;
    const std::vector<std::string> args{"--base-url", "https://" + https.host(), "--insecure", "leads", "list"};

    auto refused = crm(sandbox, args);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "crm: --insecure turns off TLS certificate checks; off a terminal it also needs "
                         "CRM_ALLOW_INSECURE=1 (better: --cacert FILE with the certificate of your CA)\n");
    CHECK(log_lines(sandbox, "GET /pipeline/leads") == 0);

    auto allowed = crm(sandbox, args, RunOptions{.env = {{"CRM_ALLOW_INSECURE", "1"}}});
    CHECK(allowed.exit_code == 0);
    CHECK(allowed.out == "[]\n");
    CHECK(allowed.err == "crm: warning: --insecure: TLS certificates are not checked; anyone on the network path can "
                         "read and change this traffic, API key included (use --cacert FILE instead)\n");

    // On a terminal a person sees the warning, so it needs no CRM_ALLOW_INSECURE.
    if (::access("/usr/bin/script", X_OK) == 0) {
        std::string command = CRM_BIN;
        for (const auto& arg : args) command += " '" + arg + "'";
        auto terminal = run({"/usr/bin/script", "-qec", command, "/dev/null"}, env_for(sandbox));
        CHECK(terminal.exit_code == 0);
        CHECK(contains(terminal.out, "crm: warning: --insecure: TLS certificates are not checked"));
        CHECK(contains(terminal.out, "No results."));
    }
}

TEST_CASE("proxies: HTTPS_PROXY and https_proxy are used, NO_PROXY bypasses them", "[e2e][proxy]") {
    if (!can_run_tls_tests()) return;
    HttpsSandbox https;
    const auto& [sandbox, dir] = std::tie(https.sandbox, https.dir);
    Relay proxy(dir, "proxy", {"connect", dir / "connects.log"});
    const std::string target = https.host();
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
    auto list = [&](std::map<std::string, std::string> env) {
        return crm(sandbox, {"--base-url", "https://" + target, "--cacert", dir / "ca.pem", "leads", "list"},
                   RunOptions{.env = std::move(env)});
    };

    CHECK(list({{"HTTPS_PROXY", proxy_url}}).exit_code == 0);
    CHECK(read_file(dir / "connects.log") == "CONNECT " + target + " HTTP/1.1\n");
    CHECK(list({{"https_proxy", proxy_url}}).exit_code == 0);
    CHECK(read_file(dir / "connects.log") == "CONNECT " + target + " HTTP/1.1\nCONNECT " + target + " HTTP/1.1\n");

    CHECK(list({{"HTTPS_PROXY", proxy_url}, {"NO_PROXY", "localhost"}}).exit_code == 0);
    CHECK(list({{"https_proxy", proxy_url}, {"no_proxy", "example.com,localhost"}}).exit_code == 0);
    CHECK(read_file(dir / "connects.log") == "CONNECT " + target + " HTTP/1.1\nCONNECT " + target + " HTTP/1.1\n");
    CHECK(log_lines(sandbox, "GET /pipeline/leads") == 4);
}
