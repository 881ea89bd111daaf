// crm auth and crm config end to end: the real binary, a temp XDG_CONFIG_HOME, and for
// `auth status` a real crm-sandbox. The key must never appear on stdout or stderr.
#include "support/process.h"
#include "support/sandbox_process.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <chrono>
#include <iterator>
#include <sstream>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace crmtest;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "e2e-secret-key-0123456789-wxyz";
const std::string kReadOnlyKey = "e2e-read-only-key-0123456789-abcd";

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
    const fs::path& dir() const { return dir_; }

    // A profile with a key, as crm auth login would save it (without checking it).
    void write_profile(const std::string& profile, const std::string& base_url = "https://api.example.com") const {
        write(fmt::format("[profiles.{}]\napi_key = '{}'\nbase_url = '{}'\n", profile, kKey, base_url));
    }

    void write(const std::string& toml, fs::perms mode = fs::perms::owner_read | fs::perms::owner_write) const {
        fs::create_directories(file().parent_path());
        std::ofstream(file()) << toml;
        fs::permissions(file(), mode);
    }

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
    SandboxProcess sandbox({"--primary-key", kKey, "--secondary-key", kReadOnlyKey});
    Home home;
    auto r = home.crm({"auth", "login", "--base-url", sandbox.base_url()}, kKey + "\n");
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == "Logged in to profile default (key ****wxyz): read/write\n");
    CHECK(r.out.empty());
    check_no_key(r);
    CHECK(mode_of(home.file()) == 0600);
    CHECK(mode_of(home.file().parent_path()) == 0700);

    auto url = home.crm({"config", "get", "base_url"});
    CHECK(url.exit_code == 0);
    CHECK(url.out == sandbox.base_url() + "\n");

    auto key = home.crm({"config", "get", "api_key"});
    CHECK(key.out == "****wxyz\n");
    check_no_key(key);

    SECTION("into a named profile") {
        auto named = home.crm({"auth", "login", "--profile", "prod"}, kReadOnlyKey + "\n");
        CHECK(named.exit_code == 0);
        CHECK(named.err == "Logged in to profile prod (key ****abcd): read-only, writes will be refused\n");
        CHECK(home.crm({"--profile", "prod", "config", "get", "api_key"}).out == "****abcd\n");
    }
    SECTION("with json output chosen, every stderr line is a JSON object") {
        auto options = home.options(kReadOnlyKey + "\n");
        std::erase(options.unset_env, "CRM_API_KEY");
        options.env["CRM_API_KEY"] = "env-key-0123456789-9999";
        auto json = run_crm({"-o", "json", "auth", "login"}, options);
        CHECK(json.exit_code == 0);
        CHECK(json.err == "{\"note\":{\"message\":\"Logged in to profile default (key ****abcd): read-only, writes "
                          "will be refused\"}}\n"
                          "{\"warning\":{\"message\":\"CRM_API_KEY is set and takes precedence over the saved key\"}}\n");
        auto text = run_crm({"auth", "logout"}, options);
        CHECK(text.err == "Removed the API key from profile default (" + home.file().string() + ")\n"
                          "crm: warning: CRM_API_KEY is still set in the environment\n");
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
    home.write(fmt::format("[profiles.default]\napi_key = '{}'\n", kKey));
    REQUIRE(home.crm({"config", "set", "timeout", "12"}).exit_code == 0);
    REQUIRE(home.crm({"config", "set", "user.email", "me@example.com"}).exit_code == 0);

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
    home.write_profile("default");
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
    home.write_profile("default", "http://127.0.0.1:9");
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
    SECTION("a failing api_key_command is an authentication error, without its output") {
        auto options = home.options();
        options.env["CRM_API_KEY_COMMAND"] = "printf %s " + kKey.substr(0, 8) + "''" + kKey.substr(8) + "; exit 4";
        REQUIRE(home.crm({"auth", "logout"}).exit_code == 0);
        auto fail = run_crm({"auth", "status"}, options);
        CHECK(fail.exit_code == 3);
        CHECK(fail.err.find("failed (exit 4)") != std::string::npos);
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
    SandboxProcess sandbox({"--primary-key", key});
    // script(1) gives crm a real terminal; whatever the terminal shows comes back on stdout.
    // The key is typed a second after start, as a person pastes it after the prompt: the
    // terminal echoes input when it arrives, so typing ahead would show it before crm runs.
    const std::string login = "(sleep 1; echo " + key + ") | /usr/bin/script -qec '" + std::string(CRM_BIN) +
                              " auth login --base-url " + sandbox.base_url() + "' /dev/null";
    auto r = run({"/bin/sh", "-c", login}, home.options());
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Paste your API key (not shown):") != std::string::npos);
    CHECK(r.out.find(key) == std::string::npos);
    std::ifstream file(home.file());
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(text.find(key) != std::string::npos);
}

TEST_CASE("an explicit profile must exist, even with CRM_BASE_URL and CRM_API_KEY set", "[e2e][config]") {
    Home home;
    home.write_profile("prod");
    auto options = home.options();
    options.env["CRM_BASE_URL"] = "http://127.0.0.1:9";
    options.env["CRM_API_KEY"] = "env-key-0123456789";
    auto r = run_crm({"--profile", "prdo", "leads", "list"}, options);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "crm: profile 'prdo' (from --profile) not found in " + home.file().string() + " (profiles: prod)\n");
    options.env["CRM_PROFILE"] = "stage";
    CHECK(run_crm({"leads", "list"}, options).err.find("profile 'stage' (from CRM_PROFILE) not found") !=
          std::string::npos);
}

TEST_CASE("an explicit profile's base URL and key win over the environment", "[e2e][config]") {
    SandboxProcess sandbox;
    Home home;
    REQUIRE(home.crm({"auth", "login", "--profile", "prod", "--base-url", sandbox.base_url()},
                     sandbox.api_key() + "\n")
                .exit_code == 0);
    auto options = home.options();
    options.env["CRM_BASE_URL"] = "http://127.0.0.1:9";  // another tenant, left over in the shell
    options.env["CRM_API_KEY"] = kKey;

    auto ok = run_crm({"--profile", "prod", "leads", "list", "-o", "json"}, options);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out == "[]\n");
    options.env["CRM_PROFILE"] = "prod";
    CHECK(run_crm({"leads", "list", "-o", "json"}, options).exit_code == 0);

    auto explain = run_crm({"config", "explain", "-o", "tsv"}, options);
    CHECK(explain.out.find("profile\tprod\tenvironment\n") != std::string::npos);
    CHECK(explain.out.find("base_url\t" + sandbox.base_url() + "\tprofile\n") != std::string::npos);
    CHECK(explain.out.find("api_key\t****" + sandbox.api_key().substr(sandbox.api_key().size() - 4) + "\tprofile\n") !=
          std::string::npos);
    check_no_key(explain);

    // Flags still win; without an explicit profile the environment does, as before.
    CHECK(run_crm({"leads", "list", "--base-url", "http://127.0.0.1:9", "--retries", "0"}, options).exit_code == 8);
    options.env.erase("CRM_PROFILE");
    CHECK(run_crm({"leads", "list", "--retries", "0"}, options).exit_code == 8);
}

TEST_CASE("the config path is never relative to the working directory", "[e2e][config]") {
    Home cwd;  // an empty directory to run in
    RunOptions options;
    options.cwd = cwd.dir().string();
    options.unset_env = {"HOME", "XDG_CONFIG_HOME", "CRM_PROFILE", "CRM_API_KEY", "CRM_BASE_URL"};
    // Read-only commands: a write would land in the real home directory of whoever runs the tests.
    auto r = run_crm({"config", "explain", "-o", "tsv"}, options);
    REQUIRE(r.exit_code == 0);
    const passwd* me = ::getpwuid(::geteuid());
    REQUIRE(me != nullptr);
    CHECK(r.out.find("file\t" + (fs::path(me->pw_dir) / ".config/crm/config.toml").string() + "\t") != std::string::npos);

    options.unset_env = {"HOME", "CRM_PROFILE", "CRM_API_KEY", "CRM_BASE_URL"};
    options.env["XDG_CONFIG_HOME"] = "relative";  // ignored, as the XDG spec says
    auto relative = run_crm({"config", "explain", "-o", "tsv"}, options);
    CHECK(relative.out.find("file\t" + (fs::path(me->pw_dir) / ".config/crm/config.toml").string() + "\t") !=
          std::string::npos);
    CHECK(fs::is_empty(cwd.dir()));
}

TEST_CASE("a config file that others can write is refused, key or not", "[e2e][config]") {
    Home home;
    home.write("[profiles.default]\nbase_url = 'http://127.0.0.1:9'\napi_key_command = 'echo k'\n",
               fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_write);
    auto r = home.crm({"leads", "list"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "crm: config file " + home.file().string() +
                       " is writable by others and it can name a command crm runs; run: chmod go-w " +
                       home.file().string() + "\n");
}

TEST_CASE("a stuck api_key_command times out as an authentication error", "[e2e][config]") {
    Home home;
    home.write("[profiles.default]\nbase_url = 'http://127.0.0.1:9'\napi_key_command = 'sleep 30'\n"
               "api_key_command_timeout = 1\n");
    const auto start = std::chrono::steady_clock::now();
    auto r = home.crm({"leads", "list"});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(r.exit_code == 3);
    CHECK(r.err == "crm: api_key_command 'sleep 30' failed (no key within 1 s; the limit is api_key_command_timeout)\n");
}

TEST_CASE("numeric settings have ranges, with the same message whatever their source", "[e2e][config]") {
    Home home;
    auto flag = home.crm({"leads", "list", "--timeout", "1e300"});
    CHECK(flag.exit_code == 2);
    CHECK(flag.err == "crm: --timeout must be a number of seconds from 0.1 to 86400, got '1e300'\n");
    for (const char* bad : {"0", "nan", "inf", "-1"})
        CHECK(home.crm({"leads", "list", "--timeout", bad}).exit_code == 2);
    auto rate = home.crm({"leads", "list", "--rate", "1e-12"});
    CHECK(rate.exit_code == 2);
    CHECK(rate.err == "crm: --rate must be 0 (no limit) or a number of requests per second from 0.01 to 10000, "
                      "got '1e-12'\n");
    CHECK(home.crm({"leads", "list", "--retries", "101"}).err ==
          "crm: --retries must be an integer from 0 to 100, got '101'\n");

    auto options = home.options();
    options.env["CRM_TIMEOUT"] = "nan";
    CHECK(run_crm({"leads", "list"}, options).err ==
          "crm: CRM_TIMEOUT must be a number of seconds from 0.1 to 86400, got 'nan'\n");
    home.write("[profiles.default]\nrate = 20000\n");
    CHECK(home.crm({"leads", "list"}).err == "crm: rate in profile 'default' of " + home.file().string() +
                                                 " must be 0 (no limit) or a number of requests per second from "
                                                 "0.01 to 10000, got '20000'\n");
}

namespace {

// The access-log lines of the sandbox (--log) whose method is one of `methods`.
size_t requests_with(const SandboxProcess& sandbox, std::initializer_list<std::string> methods) {
    std::istringstream log(sandbox.stderr_text());
    size_t n = 0;
    for (std::string line; std::getline(log, line);) {
        for (const auto& method : methods) n += line.rfind(method + " ", 0) == 0;
    }
    return n;
}

}  // namespace

TEST_CASE("auth login checks the key before saving it, and says whether it can write", "[e2e][config]") {
    SandboxProcess sandbox({"--log", "--primary-key", kKey, "--secondary-key", kReadOnlyKey});
    Home home;
    SECTION("a wrong key is refused and nothing is saved") {
        auto r = home.crm({"auth", "login", "--base-url", sandbox.base_url()}, "wrong-key-0123456789\n");
        CHECK(r.exit_code == 3);
        CHECK(r.err.starts_with("crm: key refused, nothing saved in profile default: Access denied due to invalid "
                                "subscription key."));
        CHECK(r.err.find("(HTTP 401, GET /pipeline/leads)") != std::string::npos);
        CHECK_FALSE(fs::exists(home.file()));
        check_no_key(r, "wrong-key-0123456789");
    }
    SECTION("a read-only key is saved, and said to be read-only") {
        auto r = home.crm({"auth", "login", "--base-url", sandbox.base_url()}, kReadOnlyKey + "\n");
        CHECK(r.exit_code == 0);
        CHECK(r.err == "Logged in to profile default (key ****abcd): read-only, writes will be refused\n");
        check_no_key(r, kReadOnlyKey);
        auto status = home.crm({"auth", "status"});
        CHECK(status.out.find("\nkey OK: read-only, writes will be refused\n") != std::string::npos);
    }
    SECTION("a read/write key") {
        auto r = home.crm({"auth", "login", "--base-url", sandbox.base_url()}, kKey + "\n");
        CHECK(r.exit_code == 0);
        CHECK(r.err == "Logged in to profile default (key ****wxyz): read/write\n");
    }
    // One read and one OPTIONS per login or status; never a write.
    CHECK(requests_with(sandbox, {"GET"}) >= 1);
    CHECK(requests_with(sandbox, {"POST", "PUT", "PATCH", "DELETE"}) == 0);
}

TEST_CASE("auth status --all without profiles checks the credentials in use", "[e2e][auth]") {
    SandboxProcess sandbox({"--primary-key", kKey, "--secondary-key", kReadOnlyKey});
    Home home;  // no config file
    RunOptions env_only = home.options();
    env_only.env["CRM_API_KEY"] = kKey;
    env_only.env["CRM_BASE_URL"] = sandbox.base_url();
    auto from_env = run_crm({"auth", "status", "--all"}, env_only);
    CHECK(from_env.exit_code == 0);
    CHECK(from_env.out.find("key:      ****wxyz (environment)\n") != std::string::npos);
    CHECK(from_env.out.find("key OK: read/write\n") != std::string::npos);
    check_no_key(from_env);
    // Nothing at all: the missing setting is named, as crm auth status names it.
    auto nothing = home.crm({"auth", "status", "--all"});
    CHECK(nothing.exit_code == 2);
    CHECK(nothing.err == home.crm({"auth", "status"}).err);
    CHECK(nothing.err.find("no base URL") != std::string::npos);
}

TEST_CASE("config profiles lists them, config use picks the default one", "[e2e][config]") {
    SandboxProcess sandbox({"--primary-key", kKey, "--secondary-key", kReadOnlyKey});
    Home home;
    home.write(fmt::format("[profiles.default]\napi_key = '{}'\nbase_url = '{}'\n\n"
                           "[profiles.ro]\napi_key = '{}'\nbase_url = '{}'\n\n"
                           "[profiles.gone]\napi_key = 'wrong-key-0123456789'\nbase_url = '{}'\n",
                           kKey, sandbox.base_url(), kReadOnlyKey, sandbox.base_url(), sandbox.base_url()));
    auto listed = home.crm({"config", "profiles", "-o", "json"});  // in name order
    CHECK(listed.exit_code == 0);
    CHECK(listed.out == fmt::format("[{{\"current\":true,\"name\":\"default\",\"base_url\":\"{0}\"}},"
                                    "{{\"current\":false,\"name\":\"gone\",\"base_url\":\"{0}\"}},"
                                    "{{\"current\":false,\"name\":\"ro\",\"base_url\":\"{0}\"}}]\n",
                                    sandbox.base_url()));
    check_no_key(listed);
    CHECK(home.crm({"--profile", "ro", "config", "profiles", "-o", "csv", "--fields", "name,current"}).out ==
          "name,current\ndefault,false\ngone,false\nro,true\n");

    auto unknown = home.crm({"config", "use", "prdo"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "crm: no profile 'prdo' in " + home.file().string() + " (profiles: default, gone, ro)\n");

    auto use = home.crm({"config", "use", "ro"});
    CHECK(use.exit_code == 0);
    CHECK(use.err == "Using profile ro from now on\n");
    CHECK(home.crm({"config", "profiles", "-o", "csv", "--fields", "name,current"}).out ==
          "name,current\ndefault,false\ngone,false\nro,true\n");
    auto explain = home.crm({"config", "explain", "-o", "tsv"});
    CHECK(explain.out.find("profile\tro\tconfig use\n") != std::string::npos);
    // The chosen profile is used: its read-only key refuses a write.
    CHECK(home.crm({"leads", "create", "-f", "title=x"}).exit_code == 3);
    // --profile still wins.
    CHECK(home.crm({"--profile", "default", "leads", "create", "-f", "title=x", "-o", "json"}).exit_code == 0);

    SECTION("auth status --all checks every profile") {
        auto all = home.crm({"auth", "status", "--all"});
        CHECK(all.exit_code == 9);  // one of three fails
        CHECK(all.out.find("profile:  default") != std::string::npos);
        CHECK(all.out.find("key OK: read/write\n") != std::string::npos);
        CHECK(all.out.find("profile:  ro") != std::string::npos);
        CHECK(all.out.find("key OK: read-only, writes will be refused\n") != std::string::npos);
        CHECK(all.out.find("profile:  gone") != std::string::npos);
        CHECK(all.err.find("(HTTP 401, GET /pipeline/leads)") != std::string::npos);
        CHECK(all.err.find("crm: 1 of 3 profiles failed the key check\n") != std::string::npos);
        check_no_key(all);
        check_no_key(all, kReadOnlyKey);
    }
}
