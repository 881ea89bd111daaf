#include "config_test_support.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

using crmtest::ConfigHome;

TEST_CASE("bad values are refused naming where they came from, the rule and the value", "[config]") {
    ConfigHome home;
    CHECK_THROWS_WITH(home.resolve({{"auth", "cookie"}}), "--auth must be header or query, got 'cookie'");
    CHECK_THROWS_WITH(home.resolve({{"output", "xml"}}), Catch::StartsWith("--output must be one of table"));
    CHECK_THROWS_WITH(home.resolve({{"retries", "1.5"}}), "--retries must be an integer from 0 to 100, got '1.5'");
    CHECK_THROWS_WITH(home.resolve({{"base_url", "ftp://x"}}),
                      "--base-url must start with http:// or https://, got 'ftp://x'");
    CHECK_THROWS_WITH(home.resolve({{"base_url", "http://x\r\nX: y"}}),
                      "--base-url must not contain control characters, got 'http://x\\r\\nX: y'");
    CHECK_NOTHROW(home.resolve({{"retries", "0"}, {"rate", "0"}, {"timeout", "0.5"}}));
    CHECK_NOTHROW(home.resolve({{"retries", "100"}, {"rate", "0.01"}, {"timeout", "86400"}}));

    home.setenv("CRM_TIMEOUT", "-3");
    CHECK_THROWS_WITH(home.resolve(), "CRM_TIMEOUT must be a number of seconds from 0.1 to 86400, got '-3'");

    ConfigHome file_home;
    file_home.write("[profiles.default]\nretries = 101\n");
    CHECK_THROWS_WITH(file_home.resolve(), "retries in profile 'default' of " + file_home.file().string() +
                                               " must be an integer from 0 to 100, got '101'");
    CHECK_THROWS_AS(file_home.resolve(), crm::UsageError);
    // A flag overrides the bad value, so it is never used and not an error.
    CHECK(file_home.resolve({{"retries", "2"}}).get("retries") == "2");
}

TEST_CASE("numbers must be plain, finite and within their range", "[config]") {
    ConfigHome home;
    for (const char* bad : {"0", "0.09", "1e300", "86401", "nan", "inf", "-1", "0x10", "30s", "", " 5"}) {
        CHECK_THROWS_WITH(home.resolve({{"timeout", bad}}),
                          "--timeout must be a number of seconds from 0.1 to 86400, got '" + std::string(bad) + "'");
    }
    for (const char* bad : {"1e-12", "0.001", "10001", "-0.5", "inf"}) {
        CHECK_THROWS_WITH(home.resolve({{"rate", bad}}),
                          "--rate must be 0 (no limit) or a number of requests per second from 0.01 to 10000, got '" +
                              std::string(bad) + "'");
    }
    for (const char* bad : {"-1", "101", "1e2", "two"}) {
        CHECK_THROWS_WITH(home.resolve({{"retries", bad}}),
                          "--retries must be an integer from 0 to 100, got '" + std::string(bad) + "'");
    }
    home.setenv("CRM_API_KEY_COMMAND_TIMEOUT", "3601");
    CHECK_THROWS_WITH(home.resolve(),
                      "CRM_API_KEY_COMMAND_TIMEOUT must be a number of seconds from 0.1 to 3600, got '3601'");
    home.setenv("CRM_API_KEY_COMMAND_TIMEOUT", "1.5");
    auto s = home.resolve({{"timeout", "1e3"}, {"rate", "2.5"}, {"retries", "7"}});
    CHECK(s.typed.timeout_s == 1000);
    CHECK(s.typed.rate == 2.5);
    CHECK(s.typed.retries == 7);
    CHECK(s.typed.key_command_timeout_s == 1.5);
}

TEST_CASE("a bad api_key is refused without showing it", "[config]") {
    ConfigHome home;
    home.setenv("CRM_API_KEY", "secret-value-with\nnewline");
    try {
        home.resolve();
        FAIL("expected a UsageError");
    } catch (const crm::UsageError& e) {
        CHECK(std::string(e.what()) == "CRM_API_KEY must not contain control characters");
    }
}

TEST_CASE("the config file must hold only known keys in [profiles.NAME]", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase-url = 'https://x'\n");
    CHECK_THROWS_WITH(home.resolve(), Catch::Contains("unknown key 'profiles.default.base-url'") &&
                                          Catch::Contains("known keys: base_url, api_key"));
    home.write("[default]\nbase_url = 'https://x'\n");
    CHECK_THROWS_WITH(home.resolve(), Catch::Contains("expected only current_profile and [profiles.NAME] tables, found 'default'"));
    home.write("[profiles.default]\ntimeout = [1, 2]\n");
    CHECK_THROWS_WITH(home.resolve(), Catch::Contains("'profiles.default.timeout' must be a string or a number"));
    home.write("[profiles.default]\nbase_url = \n");
    CHECK_THROWS_WITH(home.resolve(), Catch::StartsWith("config file " + home.file().string() + ":2:"));
}

TEST_CASE("api_key_command: trimmed stdout, run once, failures named without output", "[config]") {
    ConfigHome home;
    const auto counter = home.dir() / "runs";
    home.setenv("CRM_API_KEY_COMMAND", "echo run >> '" + counter.string() + "'; printf '  cmd-key-123456789 \\n\\n'");
    auto s = home.resolve();
    CHECK(s.api_key() == "cmd-key-123456789");
    CHECK(s.api_key() == "cmd-key-123456789");
    std::ifstream runs(counter);
    std::string all((std::istreambuf_iterator<char>(runs)), {});
    CHECK(all == "run\n");

    auto fails = [&home](const std::string& command, const std::string& why) {
        home.setenv("CRM_API_KEY_COMMAND", command);
        try {
            home.resolve().api_key();
            FAIL("expected an authentication error");
        } catch (const crm::Error& e) {
            CHECK(e.exit_code() == crm::kExitAuth);
            CHECK(std::string(e.what()) == "api_key_command '" + command + "' failed (" + why + ")");
        }
    };
    fails("printf 'lea''ked'; exit 3", "exit 3");  // the message names the command, never its output
    fails("true", "exit 0, no output");
    fails("kill -TERM $$", "killed by signal 15");

    home.setenv("CRM_API_KEY_COMMAND", "printf 'two\\nlines'");
    CHECK_THROWS_WITH(home.resolve().api_key(), "the output of api_key_command must not contain control characters");
}

namespace {

// Whether the process is gone (or a zombie that only waits for its parent to reap it).
bool gone(const std::string& pid) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    auto paren = text.rfind(')');
    return text.empty() || (paren != std::string::npos && text.substr(paren + 2, 1) == "Z");
}

}  // namespace

TEST_CASE("api_key_command is killed at its timeout, with what it started", "[config]") {
    ConfigHome home;
    const auto pid_file = home.dir() / "child.pid";
    // The shell's child holds the pipe open: killing the shell alone would leave it running.
    const std::string command = "sleep 30 & echo $! > '" + pid_file.string() + "'; wait";
    home.setenv("CRM_API_KEY_COMMAND", command);
    home.setenv("CRM_API_KEY_COMMAND_TIMEOUT", "0.3");
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(home.resolve().api_key(),
                      "api_key_command '" + command + "' failed (no key within 0.3 s; the limit is api_key_command_timeout)");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    std::string pid;
    std::ifstream(pid_file) >> pid;
    REQUIRE_FALSE(pid.empty());
    for (int i = 0; i < 100 && !gone(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(gone(pid));
}

TEST_CASE("explain shows every key with its source and never the key", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase_url = 'https://file.example'\napi_key = 'abcdefghijkl-9876'\n");
    home.setenv("CRM_RETRIES", "5");
    auto rows = home.resolve({{"timeout", "9"}}).explain();

    std::map<std::string, std::pair<std::string, std::string>> by_key;
    for (const auto& [key, value, source] : rows) {
        by_key[key] = {value, source};
        CHECK(value.find("abcdefghijkl") == std::string::npos);
    }
    CHECK(by_key["profile"] == std::pair<std::string, std::string>{"default", "default"});
    CHECK(by_key["api_key"] == std::pair<std::string, std::string>{"****9876", "profile"});
    CHECK(by_key["base_url"] == std::pair<std::string, std::string>{"https://file.example", "profile"});
    CHECK(by_key["timeout"] == std::pair<std::string, std::string>{"9", "flag"});
    CHECK(by_key["retries"] == std::pair<std::string, std::string>{"5", "environment"});
    CHECK(by_key["rate"] == std::pair<std::string, std::string>{"0", "default"});
    CHECK(by_key["tenant_id"].second == "-");
    for (const auto& key : {"base_url", "api_key", "api_key_command", "api_key_command_timeout", "auth", "output", "timeout", "retries", "rate",
                            "tenant_id", "user.id", "user.name", "user.email"})
        CHECK(by_key.count(key) == 1);

    SECTION("short keys show nothing; a command is shown, not run") {
        ConfigHome h2;
        h2.setenv("CRM_API_KEY", "short");
        CHECK(h2.resolve().explain()[3][1] == "****");
        h2.setenv("CRM_API_KEY", "");
        h2.setenv("CRM_API_KEY_COMMAND", "exit 1");
        auto explained = h2.resolve().explain();
        CHECK(explained[3] == std::array<std::string, 3>{"api_key", "(from api_key_command)", "environment"});
        CHECK(explained[4] == std::array<std::string, 3>{"api_key_command", "exit 1", "environment"});
    }
}
