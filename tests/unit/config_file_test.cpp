#include "config_test_support.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

using crm::config::ConfigFile;
using crmtest::ConfigHome;
using crmtest::file_mode;

namespace {
using Rows = std::vector<std::pair<std::string, std::string>>;
}

TEST_CASE("ConfigFile: a missing file is empty", "[config]") {
    ConfigHome home;
    ConfigFile file(home.file());
    CHECK(file.profiles().empty());
    CHECK_FALSE(file.get("default", "base_url"));
    CHECK(file.list("default").empty());
    CHECK_FALSE(file.unset("default", "api_key"));
}

TEST_CASE("ConfigFile: set, save, load round-trip with mode 0600 in a 0700 directory", "[config]") {
    ConfigHome home;
    {
        ConfigFile file(home.file());
        file.set("default", "base_url", "https://api.example");
        file.set("default", "api_key", "k-0123456789abcdef");
        file.set("default", "timeout", "12.5");
        file.set("default", "retries", "4");
        file.set("default", "user.id", "42");
        file.set("default", "user.email", "me@example.com");
        file.set("ci", "output", "json");
        file.save();
    }
    CHECK(file_mode(home.file()) == 0600);
    CHECK(file_mode(home.file().parent_path()) == 0700);

    ConfigFile again(home.file());
    CHECK(again.profiles() == std::vector<std::string>{"ci", "default"});
    CHECK(again.list("default") == Rows{{"base_url", "https://api.example"},
                                        {"api_key", "k-0123456789abcdef"},
                                        {"timeout", "12.5"},
                                        {"retries", "4"},
                                        {"user.id", "42"},
                                        {"user.email", "me@example.com"}});
    CHECK(again.get("ci", "output") == "json");

    // What resolve() reads is what was written.
    auto s = home.resolve();
    CHECK(s.get("timeout") == "12.5");
    CHECK(s.get("user.email") == "me@example.com");
    CHECK(s.api_key() == "k-0123456789abcdef");
}

TEST_CASE("ConfigFile: numbers are written as TOML numbers", "[config]") {
    ConfigHome home;
    ConfigFile file(home.file());
    file.set("default", "timeout", "30");
    file.set("default", "retries", "2");
    file.save();
    std::ifstream in(home.file());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text.find("timeout = 30\n") != std::string::npos);
    CHECK(text.find("retries = 2\n") != std::string::npos);
}

TEST_CASE("ConfigFile: saving tightens a loose file and keeps other profiles", "[config]") {
    ConfigHome home;
    home.write("[profiles.other]\nbase_url = 'https://other.example'\n", 0644);
    ConfigFile file(home.file());
    file.set("default", "api_key", "k-0123456789abcdef");
    file.save();
    CHECK(file_mode(home.file()) == 0600);
    CHECK(ConfigFile(home.file()).get("other", "base_url") == "https://other.example");
    // No temp file is left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(home.file().parent_path()),
                        std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("ConfigFile: unset removes a key and an emptied user table", "[config]") {
    ConfigHome home;
    ConfigFile file(home.file());
    file.set("default", "api_key", "k-0123456789abcdef");
    file.set("default", "user.name", "Ann");
    CHECK(file.unset("default", "api_key"));
    CHECK_FALSE(file.unset("default", "api_key"));
    CHECK(file.unset("default", "user.name"));
    file.save();
    std::ifstream in(home.file());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text.find("user") == std::string::npos);
    CHECK(text.find("api_key") == std::string::npos);
}

TEST_CASE("ConfigFile: unknown keys and bad values are refused", "[config]") {
    ConfigHome home;
    ConfigFile file(home.file());
    CHECK_THROWS_WITH(file.set("default", "colour", "red"),
                      Catch::StartsWith("unknown config key 'colour' (known keys: base_url, api_key"));
    CHECK_THROWS_AS(file.unset("default", "user.phone"), crm::UsageError);
    CHECK_THROWS_AS(file.get("default", "colour"), crm::UsageError);
    CHECK_THROWS_WITH(file.set("default", "auth", "basic"), "auth must be header or query, got 'basic'");
    CHECK_THROWS_AS(file.set("default", "retries", "lots"), crm::UsageError);
}

TEST_CASE("permissions: a file holding a key must not be readable by others", "[config]") {
    ConfigHome home;
    const std::string with_key = "[profiles.default]\nbase_url = 'https://x.example'\n"
                                 "[profiles.prod]\napi_key = 'k-0123456789abcdef'\n";
    SECTION("0644 with a key (in any profile) is refused with the fix") {
        home.write(with_key, 0644);
        CHECK_THROWS_WITH(home.resolve(), "config file " + home.file().string() +
                                              " is readable by others and holds an API key; run: chmod 600 " +
                                              home.file().string());
        CHECK_THROWS_AS(home.resolve(), crm::UsageError);
    }
    SECTION("0640 and 0604 are refused too") {
        home.write(with_key, 0640);
        CHECK_THROWS_AS(home.resolve(), crm::UsageError);
        home.write(with_key, 0604);
        CHECK_THROWS_AS(home.resolve(), crm::UsageError);
    }
    SECTION("0600 with a key is fine") {
        home.write(with_key, 0600);
        CHECK(home.resolve().get("base_url") == "https://x.example");
    }
    SECTION("0644 without a key is fine") {
        home.write("[profiles.default]\nbase_url = 'https://x.example'\napi_key_command = 'pass crm'\n", 0644);
        CHECK(home.resolve().get("base_url") == "https://x.example");
    }
}

TEST_CASE("permissions: a file that others can change is refused, key or not", "[config]") {
    ConfigHome home;
    const std::string no_key = "[profiles.default]\napi_key_command = 'pass crm'\n";
    for (mode_t mode : {0664, 0646, 0622}) {
        home.write(no_key, mode);
        CHECK_THROWS_WITH(home.resolve(), "config file " + home.file().string() +
                                              " is writable by others and it can name a command crm runs; "
                                              "run: chmod go-w " + home.file().string());
    }
    SECTION("owned by someone else") {
        if (::geteuid() != 0) return;  // only root can give a file away
        home.write(no_key, 0600);
        REQUIRE(::chown(home.file().c_str(), 65534, 65534) == 0);
        CHECK_THROWS_WITH(home.resolve(), "config file " + home.file().string() +
                                              " is owned by uid 65534, not by you (uid 0), and it can name a command "
                                              "crm runs; if it is yours, run: chown 0 " + home.file().string());
    }
}
