#include "config_test_support.h"
#include "errors.h"

#include <catch2/catch.hpp>

#include <pwd.h>
#include <unistd.h>

using crm::config::Source;
using crmtest::ConfigHome;

namespace {

// One key across the four layers: each test removes the top layer and expects the next.
struct Case {
    std::string key, env, flag_value, env_value, profile_toml, profile_value, default_value;
};

const Case kCases[] = {
    {"base_url", "CRM_BASE_URL", "https://flag.example", "https://env.example", "base_url = 'https://file.example'",
     "https://file.example", ""},
    {"auth", "CRM_AUTH", "query", "header", "auth = 'query'", "query", "header"},
    {"output", "CRM_OUTPUT", "csv", "ndjson", "output = 'tsv'", "tsv", ""},
    {"timeout", "CRM_TIMEOUT", "5", "7.5", "timeout = 12", "12", "30"},
    {"retries", "CRM_RETRIES", "0", "5", "retries = 7", "7", "3"},
    {"rate", "CRM_RATE", "2", "0.5", "rate = 1.5", "1.5", "0"},
    {"tenant_id", "CRM_TENANT_ID", "t-flag", "t-env", "tenant_id = 't-file'", "t-file", ""},
    {"user.id", "CRM_USER_ID", "11", "22", "[profiles.default.user]\nid = 33", "33", ""},
    {"user.email", "CRM_USER_EMAIL", "f@x", "e@x", "[profiles.default.user]\nemail = 'p@x'", "p@x", ""},
};

std::string profile_file(const Case& c) { return "[profiles.default]\n" + c.profile_toml + "\n"; }

}  // namespace

TEST_CASE("each key follows flag > environment > profile > default", "[config]") {
    for (const auto& c : kCases) {
        INFO("key " << c.key);
        ConfigHome home;
        home.write(profile_file(c));
        home.setenv(c.env, c.env_value);

        auto with_flag = home.resolve({{c.key, c.flag_value}});
        CHECK(with_flag.get(c.key) == c.flag_value);
        CHECK(with_flag.values.at(c.key).source == Source::flag);

        auto with_env = home.resolve();
        CHECK(with_env.get(c.key) == c.env_value);
        CHECK(with_env.values.at(c.key).source == Source::env);

        home.setenv(c.env, "");  // empty counts as unset
        auto with_profile = home.resolve();
        CHECK(with_profile.get(c.key) == c.profile_value);
        CHECK(with_profile.values.at(c.key).source == Source::profile);

        home.write("");
        auto with_default = home.resolve();
        if (c.default_value.empty()) {
            CHECK_FALSE(with_default.has(c.key));
        } else {
            CHECK(with_default.get(c.key) == c.default_value);
            CHECK(with_default.values.at(c.key).source == Source::default_value);
        }
    }
}

TEST_CASE("defaults: timeout 30, retries 3, auth header, rate 0, no output", "[config]") {
    ConfigHome home;
    auto s = home.resolve();
    CHECK(s.typed.timeout_s == 30);
    CHECK(s.typed.retries == 3);
    CHECK(s.typed.key_command_timeout_s == 30);
    CHECK(s.typed.auth == crm::http::AuthMode::header);
    CHECK(s.typed.rate == 0);
    CHECK_FALSE(s.typed.output);
    CHECK(s.get("timeout") == "30");
    CHECK(s.get("retries") == "3");
    CHECK(s.get("auth") == "header");
    CHECK(s.get("rate") == "0");
    CHECK_FALSE(s.has("output"));
    CHECK_FALSE(s.has("base_url"));
    CHECK(s.api_key().empty());
    CHECK(s.file == home.file());
}

TEST_CASE("typed settings are the chosen values, converted once", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase_url = 'https://file.example//'\nauth = 'query'\ntimeout = 2.5\n"
               "[profiles.default.user]\nid = 7\nname = 'Ann'\n");
    home.setenv("CRM_OUTPUT", "ndjson");
    home.setenv("CRM_RATE", "0.5");
    const auto s = home.resolve({{"retries", "0"}, {"tenant_id", "t1"}});
    CHECK(s.typed.base_url == "https://file.example");  // joined with paths later: no trailing '/'
    CHECK(s.typed.auth == crm::http::AuthMode::query);
    CHECK(s.typed.output == crm::render::Format::ndjson);
    CHECK(s.typed.timeout_s == 2.5);
    CHECK(s.typed.rate == 0.5);
    CHECK(s.typed.retries == 0);
    CHECK(s.typed.user_id == "7");
    CHECK(s.typed.user_name == "Ann");
    CHECK(s.typed.user_email.empty());
    CHECK(s.typed.tenant_id == "t1");
    // The text and its source stay for `config explain`.
    CHECK(s.get("base_url") == "https://file.example//");
    CHECK(s.values.at("output").source == Source::env);
}

TEST_CASE("config path: XDG_CONFIG_HOME, else HOME/.config, never relative", "[config]") {
    std::map<std::string, std::string> env{{"HOME", "/home/u"}};
    auto getenv = [&env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        return it == env.end() ? std::nullopt : std::optional(it->second);
    };
    CHECK(crm::config::config_path(getenv) == "/home/u/.config/crm/config.toml");
    env["XDG_CONFIG_HOME"] = "/xdg";
    CHECK(crm::config::config_path(getenv) == "/xdg/crm/config.toml");
    env["XDG_CONFIG_HOME"] = "relative/xdg";  // ignored, as the XDG spec says
    CHECK(crm::config::config_path(getenv) == "/home/u/.config/crm/config.toml");

    // Without HOME (or with an empty or relative one), the password database's home.
    const passwd* me = ::getpwuid(::geteuid());
    REQUIRE(me != nullptr);
    const auto from_passwd = std::filesystem::path(me->pw_dir) / ".config" / "crm" / "config.toml";
    for (const char* home : {"", "relative-home"}) {
        env["HOME"] = home;
        CHECK(crm::config::config_path(getenv) == from_passwd);
    }
    env.erase("HOME");
    env.erase("XDG_CONFIG_HOME");
    CHECK(crm::config::config_path(getenv) == from_passwd);
}

TEST_CASE("profile selection: --profile > CRM_PROFILE > default", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase_url = 'https://d.example'\n"
               "[profiles.ci]\nbase_url = 'https://ci.example'\n"
               "[profiles.prod]\nbase_url = 'https://prod.example'\n");

    auto s = home.resolve();
    CHECK(s.profile == "default");
    CHECK(s.profile_source == Source::default_value);
    CHECK(s.get("base_url") == "https://d.example");

    home.setenv("CRM_PROFILE", "ci");
    s = home.resolve();
    CHECK(s.profile == "ci");
    CHECK(s.profile_source == Source::env);
    CHECK(s.get("base_url") == "https://ci.example");

    s = home.resolve({{"profile", "prod"}});
    CHECK(s.profile == "prod");
    CHECK(s.profile_source == Source::flag);
    CHECK(s.get("base_url") == "https://prod.example");
}

TEST_CASE("a profile asked for by name must exist", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase_url = 'https://d.example'\n[profiles.ci]\nretries = 1\n");
    CHECK_THROWS_WITH(home.resolve({{"profile", "prdo"}}),
                      "profile 'prdo' (from --profile) not found in " + home.file().string() + " (profiles: ci, default)");
    home.setenv("CRM_PROFILE", "nope");
    CHECK_THROWS_AS(home.resolve(), crm::UsageError);

    SECTION("even when the environment gives a base URL and a key") {
        home.setenv("CRM_BASE_URL", "https://env.example");
        home.setenv("CRM_API_KEY", "k-0123456789abcdef");
        CHECK_THROWS_WITH(home.resolve(), Catch::StartsWith("profile 'nope' (from CRM_PROFILE) not found in "));
    }
    SECTION("the default profile may be missing") {
        ConfigHome empty;
        CHECK_NOTHROW(empty.resolve());
    }
}

TEST_CASE("an explicit profile's base_url and key win over the environment, and flags still win", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\nbase_url = 'https://default.example'\napi_key = 'default-key-00001'\n"
               "[profiles.prod]\nbase_url = 'https://prod.example'\napi_key = 'prod-key-000000001'\ntimeout = 9\n"
               "[profiles.cmd]\napi_key_command = 'echo cmd-key-0000001'\n");
    home.setenv("CRM_BASE_URL", "https://env.example");
    home.setenv("CRM_API_KEY", "env-key-0000000001");
    home.setenv("CRM_TIMEOUT", "5");

    auto s = home.resolve({{"profile", "prod"}});
    CHECK(s.get("base_url") == "https://prod.example");
    CHECK(s.values.at("base_url").source == Source::profile);
    CHECK(s.api_key() == "prod-key-000000001");
    CHECK(s.values.at("api_key").source == Source::profile);
    CHECK(s.get("timeout") == "5");  // other settings keep flag > environment > profile

    home.setenv("CRM_PROFILE", "cmd");
    s = home.resolve();
    CHECK(s.api_key() == "cmd-key-0000001");
    CHECK(s.get("base_url") == "https://env.example");  // the profile has none

    s = home.resolve({{"profile", "prod"}, {"base_url", "https://flag.example"}, {"api_key", "flag-key-00000001"}});
    CHECK(s.get("base_url") == "https://flag.example");
    CHECK(s.api_key() == "flag-key-00000001");

    SECTION("without an explicit profile the environment wins as before") {
        home.setenv("CRM_PROFILE", "");
        s = home.resolve();
        CHECK(s.get("base_url") == "https://env.example");
        CHECK(s.api_key() == "env-key-0000000001");
    }
}

TEST_CASE("api_key: the first layer with a key or a command decides", "[config]") {
    ConfigHome home;
    home.write("[profiles.default]\napi_key_command = 'echo from-command-0001'\n");

    CHECK(home.resolve().api_key() == "from-command-0001");
    CHECK(home.resolve().values.at("api_key_command").source == Source::profile);

    home.setenv("CRM_API_KEY", "from-env-000000001");
    auto s = home.resolve();
    CHECK(s.api_key() == "from-env-000000001");
    CHECK_FALSE(s.has("api_key_command"));  // a lower layer's command is never run

    s = home.resolve({{"api_key", "from-flag-00000001"}});
    CHECK(s.api_key() == "from-flag-00000001");
    CHECK(s.values.at("api_key").source == Source::flag);

    SECTION("a command in a higher layer beats a key in a lower one") {
        ConfigHome h2;
        h2.write("[profiles.default]\napi_key = 'from-profile-00001'\n");
        h2.setenv("CRM_API_KEY_COMMAND", "echo from-env-command");
        CHECK(h2.resolve().api_key() == "from-env-command");
    }
    SECTION("within one layer api_key wins over api_key_command") {
        ConfigHome h2;
        h2.write("[profiles.default]\napi_key = 'from-profile-00001'\napi_key_command = 'exit 9'\n");
        auto s2 = h2.resolve();
        CHECK(s2.api_key() == "from-profile-00001");
        CHECK_FALSE(s2.has("api_key_command"));
    }
}

TEST_CASE("cacert: --cacert > CRM_CA_BUNDLE > profile > SSL_CERT_FILE, and it must be readable", "[config]") {
    ConfigHome home;
    auto pem = [&](const std::string& name) {
        const std::string path = (home.dir() / name).string();
        std::ofstream(path) << "not checked here: libcurl reads it\n";
        return path;
    };
    const std::string flag = pem("flag.pem"), env = pem("env.pem"), profile = pem("profile.pem"), openssl = pem("openssl.pem");
    home.write("[profiles.default]\ncacert = '" + profile + "'\n");
    home.setenv("CRM_CA_BUNDLE", env);
    home.setenv("SSL_CERT_FILE", openssl);

    CHECK(home.resolve({{"cacert", flag}}).typed.ca_file == flag);
    CHECK(home.resolve().typed.ca_file == env);
    home.setenv("CRM_CA_BUNDLE", "");
    CHECK(home.resolve().typed.ca_file == profile);
    home.write("");
    auto from_openssl = home.resolve();
    CHECK(from_openssl.typed.ca_file == openssl);
    CHECK(from_openssl.values.at("cacert").source == Source::env);
    home.setenv("SSL_CERT_FILE", "");
    CHECK(home.resolve().typed.ca_file.empty());  // libcurl's default: the system's CAs

    home.setenv("SSL_CERT_FILE", "/nonexistent.pem");
    CHECK_THROWS_WITH(home.resolve(), "SSL_CERT_FILE must name a readable CA bundle (PEM): No such file or directory, "
                                      "got '/nonexistent.pem'");
}
