// Configuration of CLI.md §6: TOML profiles under XDG, CRM_* environment variables, flags.
// Precedence: flag > environment > profile > default. Each value remembers where it came
// from, for `crm config explain`.
#pragma once
#include "http/client.h"
#include "render/format.h"

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm::config {

// `file`: the profile chosen by `crm config use` (the file's current_profile).
enum class Source { flag, env, profile, file, default_value };
std::string_view source_name(Source source);  // "flag", "environment", "profile", "config use", "default"

// Reads an environment variable; injectable for tests. Returns nullopt when unset.
using Getenv = std::function<std::optional<std::string>(const std::string&)>;
Getenv system_getenv();

// $XDG_CONFIG_HOME/crm/config.toml, else $HOME/.config/crm/config.toml; never relative to the
// working directory: a relative XDG_CONFIG_HOME or HOME is ignored, and without HOME the home
// directory comes from the password database. Throws crm::UsageError when there is none.
std::filesystem::path config_path(const Getenv& getenv);

// $XDG_CACHE_HOME/crm, else $HOME/.cache/crm (the same rules as config_path): where shell
// completion keeps the labels it fetched.
std::filesystem::path cache_dir(const Getenv& getenv);

// The settings every command may read. Keys: base_url, api_key, api_key_command,
// api_key_command_timeout, auth, output, timeout, retries, rate, cacert, user.id, user.name,
// user.email, tenant_id.
struct Value {
    std::string value;
    Source source = Source::default_value;
};

// Values given on the command line (global flags); unset ones are absent.
using Overrides = std::map<std::string, std::string>;

// The settings in the types the program uses, converted once by resolve() from values that
// passed their rules (config/keys.h). Settings::values keeps the text and source of each.
struct Typed {
    std::string base_url;  // without a trailing '/'; empty when none is configured
    http::AuthMode auth = http::AuthMode::header;
    std::optional<render::Format> output;  // unset: table on a terminal, json otherwise
    double timeout_s = 0;
    int retries = 0;
    double rate = 0;  // requests per second; 0 = no limit
    std::string ca_file;  // cacert: a CA bundle for TLS; empty: the system's
    double key_command_timeout_s = 0;
    std::string api_key_command;
    // Stamped on the bodies crm builds (CLI.md §3).
    std::string user_id, user_name, user_email, tenant_id;
};

class Settings {
public:
    std::string profile;          // the profile in use ("default" unless --profile/CRM_PROFILE)
    Source profile_source = Source::default_value;
    std::filesystem::path file;   // the config file consulted (may not exist)
    std::map<std::string, Value> values;  // every known key that has a value, as text
    Typed typed;                          // the same values, for use

    std::string get(const std::string& key, const std::string& fallback = {}) const;
    bool has(const std::string& key) const;

    // The API key: api_key, else the stdout of api_key_command (run once, trimmed, cached).
    // Throws crm::Error with exit 3 (authentication) when the command fails or outlives
    // api_key_command_timeout. Empty when neither is set.
    const std::string& api_key() const;

    // Rows for `crm config explain`: key, value (keys redacted), source.
    std::vector<std::array<std::string, 3>> explain() const;

private:
    mutable std::optional<std::string> key_cache_;
};

// The profile in use: --profile (Overrides key "profile") > CRM_PROFILE > the config file's
// current_profile (crm config use) > "default". All but the last are explicit choices: the
// profile must exist and its base_url and key win over the environment.
Value active_profile(const Overrides& flags, const Getenv& getenv);

// Builds the settings. Reads the config file when it exists; refuses (crm::UsageError with an
// ssh-style hint) a file that others can write or that another user owns (it can name an
// api_key_command), and a file holding api_key that group or others can read.
// Validates the values in use (see config/keys.h for the rules and ranges).
// A profile named by --profile/CRM_PROFILE must exist in the file (else UsageError), and its
// base_url and key then win over the environment. Empty environment variables count as unset.
Settings resolve(const Overrides& flags, const Getenv& getenv);

// Environment variable for each global key: base_url → CRM_BASE_URL, api_key → CRM_API_KEY,
// api_key_command_timeout → CRM_API_KEY_COMMAND_TIMEOUT,
// output → CRM_OUTPUT, timeout → CRM_TIMEOUT, retries → CRM_RETRIES, rate → CRM_RATE,
// cacert → CRM_CA_BUNDLE (then, after the profile, OpenSSL's SSL_CERT_FILE),
// auth → CRM_AUTH, tenant_id → CRM_TENANT_ID, api_key_command → CRM_API_KEY_COMMAND,
// user.id/name/email → CRM_USER_ID/NAME/EMAIL; profile comes from CRM_PROFILE.
const std::vector<std::pair<std::string, std::string>>& env_names();

// Editing the file (auth login/logout, config set). Writes atomically with mode 0600 and
// creates the directory with 0700. Unknown keys are refused with UsageError.
class ConfigFile {
public:
    explicit ConfigFile(std::filesystem::path path);
    std::optional<std::string> get(const std::string& profile, const std::string& key) const;
    void set(const std::string& profile, const std::string& key, const std::string& value);
    bool unset(const std::string& profile, const std::string& key);
    std::vector<std::pair<std::string, std::string>> list(const std::string& profile) const;  // dotted keys
    std::vector<std::string> profiles() const;
    // The profile `crm config use` chose (top-level current_profile), if any.
    std::optional<std::string> current_profile() const;
    void set_current_profile(const std::string& profile);
    void save() const;

private:
    std::filesystem::path path_;
    struct Data;
    std::shared_ptr<Data> data_;
};

}  // namespace crm::config
