#include "config_test_support.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <fstream>

using crmtest::ConfigHome;

TEST_CASE("bad values are refused naming key, value and where they came from", "[config]") {
    ConfigHome home;
    CHECK_THROWS_WITH(home.resolve({{"auth", "cookie"}}),
                      "invalid auth 'cookie' (from --auth): must be header or query");
    CHECK_THROWS_WITH(home.resolve({{"output", "xml"}}), Catch::StartsWith("invalid output 'xml' (from --output)"));
    CHECK_THROWS_WITH(home.resolve({{"timeout", "0"}}), Catch::StartsWith("invalid timeout '0'"));
    CHECK_THROWS_WITH(home.resolve({{"timeout", "30s"}}), Catch::StartsWith("invalid timeout '30s'"));
    CHECK_THROWS_WITH(home.resolve({{"retries", "21"}}), Catch::StartsWith("invalid retries '21'"));
    CHECK_THROWS_WITH(home.resolve({{"retries", "1.5"}}), Catch::StartsWith("invalid retries '1.5'"));
    CHECK_THROWS_WITH(home.resolve({{"rate", "-1"}}), Catch::StartsWith("invalid rate '-1'"));
    CHECK_THROWS_WITH(home.resolve({{"base_url", "ftp://x"}}), Catch::StartsWith("invalid base_url 'ftp://x'"));
    CHECK_NOTHROW(home.resolve({{"retries", "0"}, {"rate", "0"}, {"timeout", "0.5"}}));

    home.setenv("CRM_TIMEOUT", "-3");
    CHECK_THROWS_WITH(home.resolve(), "invalid timeout '-3' (from CRM_TIMEOUT): must be a number of seconds greater than 0");

    ConfigHome file_home;
    file_home.write("[profiles.default]\nretries = 99\n");
    CHECK_THROWS_WITH(file_home.resolve(), Catch::Contains("invalid retries '99' (from profile 'default' in " +
                                                           file_home.file().string() + ")"));
    CHECK_THROWS_AS(file_home.resolve(), crm::UsageError);
    // A flag overrides the bad value, so it is never used and not an error.
    CHECK(file_home.resolve({{"retries", "2"}}).get("retries") == "2");
}

TEST_CASE("a bad api_key is refused without showing it", "[config]") {
    ConfigHome home;
    home.setenv("CRM_API_KEY", "secret-value-with\nnewline");
    try {
        home.resolve();
        FAIL("expected a UsageError");
    } catch (const crm::UsageError& e) {
        CHECK(std::string(e.what()) == "invalid api_key (from CRM_API_KEY): must not contain control characters");
    }
}

TEST_CASE("the config file must hold only known keys in [profiles.NAME]", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase-url = 'https://x'\n");
    CHECK_THROWS_WITH(home.resolve(), Catch::Contains("unknown key 'profiles.default.base-url'") &&
                                          Catch::Contains("known keys: base_url, api_key"));
    home.write("[default]\nbase_url = 'https://x'\n");
    CHECK_THROWS_WITH(home.resolve(), Catch::Contains("expected only [profiles.NAME] tables, found 'default'"));
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

    home.setenv("CRM_API_KEY_COMMAND", "echo leaked-secret; exit 3");
    CHECK_THROWS_WITH(home.resolve().api_key(), "api_key_command failed (exit 3)");

    home.setenv("CRM_API_KEY_COMMAND", "true");
    CHECK_THROWS_WITH(home.resolve().api_key(), "api_key_command failed (exit 0, no output)");

    home.setenv("CRM_API_KEY_COMMAND", "kill -TERM $$");
    CHECK_THROWS_WITH(home.resolve().api_key(), "api_key_command failed (killed by signal 15)");

    home.setenv("CRM_API_KEY_COMMAND", "printf 'two\\nlines'");
    CHECK_THROWS_WITH(home.resolve().api_key(), Catch::Contains("control characters") && !Catch::Contains("two"));
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
    for (const auto& key : {"base_url", "api_key", "api_key_command", "auth", "output", "timeout", "retries", "rate",
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
