// crm auth and crm config end to end: the real binary, a temp XDG_CONFIG_HOME, and for
// `auth status` a real crm-sandbox. The key must never appear on stdout or stderr.
#include "support/process.h"
#include "support/sandbox_process.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

using namespace crmtest;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "e2e-secret-key-0123456789-wxyz";

// A private config home and an environment free of the caller's CRM_* settings.
class Home {
public:
    Home() {
        std::string templ = (fs::temp_directory_path() / "crm-e2e-config-XXXXXX").string();
        dir_ = ::mkdtemp(templ.data());
    }
    ~Home() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    Home(const Home&) = delete;
    Home& operator=(const Home&) = delete;

    fs::path file() const { return dir_ / "crm" / "config.toml"; }

    RunOptions options(std::string stdin_data = {}) const {
        RunOptions o;
        o.stdin_data = std::move(stdin_data);
        o.env = {{"XDG_CONFIG_HOME", dir_.string()}, {"NO_COLOR", "1"}};
        o.unset_env = {"CRM_PROFILE",  "CRM_BASE_URL", "CRM_API_KEY", "CRM_API_KEY_COMMAND", "CRM_OUTPUT",
                       "CRM_TIMEOUT",  "CRM_RETRIES",  "CRM_RATE",    "CRM_AUTH",            "CRM_TENANT_ID"};
        return o;
    }

    RunResult crm(const std::vector<std::string>& args, std::string stdin_data = {}) const {
        return run_crm(args, options(std::move(stdin_data)));
    }

private:
    fs::path dir_;
};

mode_t mode_of(const fs::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

void check_no_key(const RunResult& r, const std::string& key = kKey) {
    CHECK(r.out.find(key) == std::string::npos);
    CHECK(r.err.find(key) == std::string::npos);
}

}  // namespace

TEST_CASE("auth login reads the key from stdin and writes a 0600 file", "[e2e][config]") {
    Home home;
    auto r = home.crm({"auth", "login", "--base-url", "https://api.example.com"}, kKey + "\n");
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == "Logged in to profile default (key ****wxyz)\n");
    CHECK(r.out.empty());
    check_no_key(r);
    CHECK(mode_of(home.file()) == 0600);
    CHECK(mode_of(home.file().parent_path()) == 0700);

    auto url = home.crm({"config", "get", "base_url"});
    CHECK(url.exit_code == 0);
    CHECK(url.out == "https://api.example.com\n");

    auto key = home.crm({"config", "get", "api_key"});
    CHECK(key.out == "****wxyz\n");
    check_no_key(key);

    SECTION("into a named profile") {
        auto named = home.crm({"auth", "login", "--profile", "prod"}, "prod-key-abcdefgh-1234\n");
        CHECK(named.exit_code == 0);
        CHECK(named.err == "Logged in to profile prod (key ****1234)\n");
        CHECK(home.crm({"--profile", "prod", "config", "get", "api_key"}).out == "****1234\n");
    }
    SECTION("logout removes the key") {
        auto out = home.crm({"auth", "logout"});
        CHECK(out.exit_code == 0);
        CHECK(out.err.find("Removed the API key from profile default") != std::string::npos);
        CHECK(home.crm({"config", "get", "api_key"}).exit_code == 1);
        CHECK(home.crm({"config", "get", "base_url"}).exit_code == 0);
    }
}

TEST_CASE("auth login refuses an empty stdin and a key on argv", "[e2e][config]") {
    Home home;
    auto empty = home.crm({"auth", "login"}, "");
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.find("no key on standard input") != std::string::npos);
    CHECK_FALSE(fs::exists(home.file()));

    auto argv = home.crm({"auth", "login", "--api-key", kKey}, kKey + "\n");
    CHECK(argv.exit_code == 2);
    check_no_key(argv);
}

TEST_CASE("config set, get, list, unset edit the active profile", "[e2e][config]") {
    Home home;
    REQUIRE(home.crm({"config", "set", "timeout", "12"}).exit_code == 0);
    REQUIRE(home.crm({"config", "set", "user.email", "me@example.com"}).exit_code == 0);
    REQUIRE(home.crm({"auth", "login"}, kKey + "\n").exit_code == 0);

    auto list = home.crm({"config", "list"});
    CHECK(list.exit_code == 0);
    CHECK(list.out == "api_key = ****wxyz\ntimeout = 12\nuser.email = me@example.com\n");
    check_no_key(list);

    CHECK(home.crm({"config", "set", "retries", "many"}).exit_code == 2);
    CHECK(home.crm({"config", "set", "colour", "red"}).exit_code == 2);
    auto secret = home.crm({"config", "set", "api_key", kKey});
    CHECK(secret.exit_code == 2);
    CHECK(secret.err.find("crm auth login") != std::string::npos);
    check_no_key(secret);

    CHECK(home.crm({"config", "unset", "timeout"}).exit_code == 0);
    CHECK(home.crm({"config", "get", "timeout"}).exit_code == 1);
    CHECK(mode_of(home.file()) == 0600);
}

TEST_CASE("config explain shows each setting's source, key redacted", "[e2e][config]") {
    Home home;
    REQUIRE(home.crm({"auth", "login", "--base-url", "https://api.example.com"}, kKey + "\n").exit_code == 0);
    auto options = home.options();
    options.env["CRM_RETRIES"] = "5";
    auto r = run_crm({"config", "explain", "--timeout", "7", "-o", "tsv"}, options);
    REQUIRE(r.exit_code == 0);
    check_no_key(r);
    CHECK(r.out.find("base_url\thttps://api.example.com\tprofile\n") != std::string::npos);
    CHECK(r.out.find("api_key\t****wxyz\tprofile\n") != std::string::npos);
    CHECK(r.out.find("timeout\t7\tflag\n") != std::string::npos);
    CHECK(r.out.find("retries\t5\tenvironment\n") != std::string::npos);
    CHECK(r.out.find("rate\t0\tdefault\n") != std::string::npos);
}

TEST_CASE("a config file holding a key that others can read is refused", "[e2e][config]") {
    Home home;
    REQUIRE(home.crm({"auth", "login", "--base-url", "http://127.0.0.1:9"}, kKey + "\n").exit_code == 0);
    fs::permissions(home.file(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                     fs::perms::others_read);
    auto r = home.crm({"leads", "list"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "crm: config file " + home.file().string() +
                       " is readable by others and holds an API key; run: chmod 600 " + home.file().string() + "\n");
    check_no_key(r);
    CHECK(home.crm({"config", "explain"}).exit_code == 2);
}

TEST_CASE("auth status checks the key with one read request", "[e2e][config]") {
    SandboxProcess sandbox;
    Home home;
    REQUIRE(home.crm({"auth", "login", "--base-url", sandbox.base_url()}, sandbox.api_key() + "\n").exit_code == 0);

    auto ok = home.crm({"auth", "status"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("profile:  default (default)") != std::string::npos);
    CHECK(ok.out.find("(profile)") != std::string::npos);
    CHECK(ok.out.find("key OK") != std::string::npos);
    check_no_key(ok, sandbox.api_key());

    SECTION("a wrong key exits 3") {
        auto options = home.options();
        options.env["CRM_API_KEY"] = kKey;
        auto bad = run_crm({"auth", "status"}, options);
        CHECK(bad.exit_code == 3);
        CHECK(bad.out.find("(environment)") != std::string::npos);
        check_no_key(bad);
    }
    SECTION("a key from api_key_command") {
        auto options = home.options();
        options.env["CRM_API_KEY_COMMAND"] = "printf '%s\\n' '" + sandbox.api_key() + "'";
        REQUIRE(home.crm({"auth", "logout"}).exit_code == 0);
        auto cmd = run_crm({"auth", "status"}, options);
        CHECK(cmd.exit_code == 0);
        CHECK(cmd.out.find("from api_key_command (environment)") != std::string::npos);
        check_no_key(cmd, sandbox.api_key());
    }
    SECTION("a failing api_key_command exits 2 without its output") {
        auto options = home.options();
        options.env["CRM_API_KEY_COMMAND"] = "echo " + kKey + "; exit 4";
        REQUIRE(home.crm({"auth", "logout"}).exit_code == 0);
        auto fail = run_crm({"auth", "status"}, options);
        CHECK(fail.exit_code == 2);
        CHECK(fail.err.find("api_key_command failed (exit 4)") != std::string::npos);
        check_no_key(fail);
    }
}

TEST_CASE("auth login on a terminal does not echo the pasted key", "[e2e][config][tty]") {
    if (::access("/usr/bin/script", X_OK) != 0) {
        WARN("SKIP: util-linux script is not installed");
        return;
    }
    Home home;
    const std::string key = "typed-key-0123456789abcdef";
    // script(1) gives crm a real terminal; whatever the terminal shows comes back on stdout.
    // The key is typed a second after start, as a person pastes it after the prompt: the
    // terminal echoes input when it arrives, so typing ahead would show it before crm runs.
    const std::string login = "(sleep 1; echo " + key + ") | /usr/bin/script -qec '" + std::string(CRM_BIN) +
                              " auth login --base-url https://api.example.com' /dev/null";
    auto r = run({"/bin/sh", "-c", login}, home.options());
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Paste your API key (not shown):") != std::string::npos);
    CHECK(r.out.find(key) == std::string::npos);
    std::ifstream file(home.file());
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(text.find(key) != std::string::npos);
}
