// resolve(): every known key from the first layer that has it — flag, environment, profile —
// else its default. A profile named explicitly (--profile, CRM_PROFILE) comes before the
// environment for base_url and the key. api_key and api_key_command are one choice: the first
// layer holding either decides, and api_key wins within a layer.
#include "config/settings.h"

#include "config/key_command.h"
#include "config/keys.h"
#include "config/private_file.h"
#include "errors.h"
#include "http/client.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace crm::config {

namespace fs = std::filesystem;

std::string_view source_name(Source source) {
    switch (source) {
        case Source::flag: return "flag";
        case Source::env: return "environment";
        case Source::profile: return "profile";
        case Source::file: return "config use";
        case Source::default_value: return "default";
    }
    return "default";
}

Getenv system_getenv() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    };
}

namespace {

// An empty environment variable counts as unset, so `CRM_OUTPUT= crm …` falls back.
std::optional<std::string> env_value(const Getenv& getenv, const std::string& name) {
    auto value = getenv(name);
    if (value && value->empty()) return std::nullopt;
    return value;
}

const std::map<std::string, std::string>& defaults() {
    // No default for output: the caller picks table on a terminal, json otherwise.
    static const std::map<std::string, std::string> values = {
        {"auth", "header"}, {"timeout", "30"}, {"retries", "3"}, {"rate", "0"}, {"api_key_command_timeout", "30"}};
    return values;
}

// One source of values, in precedence order, with how to name it in an error message.
struct Layer {
    Source source;
    std::map<std::string, std::string> values;
    std::function<std::string(const std::string& key)> where;
};

std::vector<Layer> layers(const Overrides& flags, const Getenv& getenv, const std::string& profile,
                          const ConfigFile& file, const fs::path& path) {
    Layer flag{Source::flag, {}, [](const std::string& key) {
                   std::string option = "--" + key;
                   std::replace(option.begin(), option.end(), '_', '-');
                   std::replace(option.begin(), option.end(), '.', '-');
                   return option;
               }};
    Layer env{Source::env, {}, [](const std::string& key) {
                  for (const auto& [k, name] : env_names())
                      if (k == key) return name;
                  return key;
              }};
    Layer prof{Source::profile, {}, [profile, path](const std::string& key) {
                   return fmt::format("{} in profile '{}' of {}", key, profile, path.string());
               }};
    for (const auto& [key, name] : env_names()) {
        if (auto it = flags.find(key); it != flags.end()) flag.values[key] = it->second;
        if (auto value = env_value(getenv, name)) env.values[key] = *value;
    }
    for (auto& [key, value] : file.list(profile)) prof.values[key] = value;
    // The CA bundle that OpenSSL's own tools take from the environment: after crm's own ways
    // (--cacert, CRM_CA_BUNDLE, the profile), before the system's. libcurl does not read it.
    Layer openssl{Source::env, {}, [](const std::string&) { return std::string("SSL_CERT_FILE"); }};
    if (auto value = env_value(getenv, "SSL_CERT_FILE")) openssl.values["cacert"] = *value;
    return {std::move(flag), std::move(env), std::move(prof), std::move(openssl)};
}

bool holds_key(const ConfigFile& file) {
    const auto names = file.profiles();
    return std::any_of(names.begin(), names.end(), [&](const std::string& p) { return file.get(p, "api_key"); });
}

// A profile asked for by name must exist: a typo in --profile, or a CRM_PROFILE left over from
// another shell, must never run against whatever the environment happens to point at.
void require_profile(const Settings& settings, const ConfigFile& file) {
    if (settings.profile_source == Source::default_value) return;
    const auto names = file.profiles();
    if (std::find(names.begin(), names.end(), settings.profile) != names.end()) return;
    const std::string listed = names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
    throw UsageError(fmt::format("profile '{}' (from {}) not found in {} (profiles: {})", settings.profile,
                                 settings.profile_source == Source::flag  ? "--profile"
                                 : settings.profile_source == Source::env ? "CRM_PROFILE"
                                                                          : "crm config use",
                                 settings.file.string(), listed));
}

// The layers in the order that decides `key`. Where requests go and with which key (a
// subscription key selects a tenant) come from a profile named explicitly before the
// environment, so a CRM_BASE_URL/CRM_API_KEY left in a shell cannot turn `--profile prod`
// into requests on another tenant. Flags still win.
std::vector<const Layer*> decision_order(const std::string& key, const std::vector<Layer>& all, bool explicit_profile) {
    std::vector<const Layer*> order;
    for (const auto& layer : all) order.push_back(&layer);
    const bool tenant_key = key == "base_url" || key == "api_key" || key == "api_key_command";
    if (explicit_profile && tenant_key) {
        std::stable_partition(order.begin(), order.end(), [](const Layer* l) { return l->source != Source::env; });
    }
    return order;
}

void pick_key(Settings& settings, const std::vector<Layer>& all, bool explicit_profile) {
    for (const Layer* layer : decision_order("api_key", all, explicit_profile)) {
        for (const char* key : {"api_key", "api_key_command"}) {
            if (auto it = layer->values.find(key); it != layer->values.end()) {
                detail::validate(key, it->second, layer->where(key));
                settings.values[key] = {it->second, layer->source};
                return;
            }
        }
    }
}

// An absolute directory from the environment variable, else nothing: relative paths would
// make the config file depend on the working directory.
std::optional<fs::path> absolute_dir(const Getenv& getenv, const std::string& name) {
    auto value = env_value(getenv, name);
    if (value && fs::path(*value).is_absolute()) return fs::path(*value);
    return std::nullopt;
}

// $HOME, else the password database's entry for this user (HOME is unset under some service
// managers and in `env -i`).
fs::path home_dir(const Getenv& getenv) {
    if (auto home = absolute_dir(getenv, "HOME")) return *home;
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<size_t>(size) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    while (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == ERANGE)
        buffer.resize(buffer.size() * 2);
    if (found && found->pw_dir && fs::path(found->pw_dir).is_absolute()) return found->pw_dir;
    throw UsageError("cannot find the config file: HOME is not set and the password database has no home "
                     "directory for this user; set HOME or XDG_CONFIG_HOME");
}

}  // namespace

fs::path config_path(const Getenv& getenv) {
    // The XDG rule: a relative XDG_CONFIG_HOME is invalid and ignored.
    if (auto xdg = absolute_dir(getenv, "XDG_CONFIG_HOME")) return *xdg / "crm" / "config.toml";
    return home_dir(getenv) / ".config" / "crm" / "config.toml";
}

fs::path cache_dir(const Getenv& getenv) {
    if (auto xdg = absolute_dir(getenv, "XDG_CACHE_HOME")) return *xdg / "crm";
    return home_dir(getenv) / ".cache" / "crm";
}

Value active_profile(const Overrides& flags, const Getenv& getenv) {
    if (auto it = flags.find("profile"); it != flags.end()) return {it->second, Source::flag};
    if (auto value = env_value(getenv, "CRM_PROFILE")) return {*value, Source::env};
    if (auto current = ConfigFile(config_path(getenv)).current_profile()) return {*current, Source::file};
    return {"default", Source::default_value};
}

namespace {

// Every value passed its rule in resolve(), so these conversions are defined.
Typed typed(const Settings& s) {
    Typed t;
    t.base_url = s.get("base_url");
    while (t.base_url.ends_with('/')) t.base_url.pop_back();
    t.auth = s.get("auth") == "query" ? http::AuthMode::query : http::AuthMode::header;
    if (s.has("output")) t.output = render::parse_format(s.get("output"));
    t.timeout_s = std::strtod(s.get("timeout").c_str(), nullptr);
    t.retries = static_cast<int>(std::strtol(s.get("retries").c_str(), nullptr, 10));
    t.rate = std::strtod(s.get("rate").c_str(), nullptr);
    t.ca_file = s.get("cacert");
    t.key_command_timeout_s = std::strtod(s.get("api_key_command_timeout").c_str(), nullptr);
    t.api_key_command = s.get("api_key_command");
    t.user_id = s.get("user.id");
    t.user_name = s.get("user.name");
    t.user_email = s.get("user.email");
    t.tenant_id = s.get("tenant_id");
    return t;
}

}  // namespace

Settings resolve(const Overrides& flags, const Getenv& getenv) {
    Settings settings;
    settings.file = config_path(getenv);
    Value profile = active_profile(flags, getenv);
    settings.profile = profile.value;
    settings.profile_source = profile.source;

    detail::refuse_if_writable(settings.file);
    ConfigFile file(settings.file);
    if (holds_key(file)) detail::refuse_if_exposed(settings.file);
    require_profile(settings, file);
    const auto all = layers(flags, getenv, settings.profile, file, settings.file);
    const bool explicit_profile = settings.profile_source != Source::default_value;

    for (const auto& key : detail::known_keys()) {
        if (key == "api_key" || key == "api_key_command") continue;
        const auto order = decision_order(key, all, explicit_profile);
        auto layer = std::find_if(order.begin(), order.end(), [&](const Layer* l) { return l->values.count(key); });
        if (layer != order.end()) {
            const std::string& value = (*layer)->values.at(key);
            detail::validate(key, value, (*layer)->where(key));
            settings.values[key] = {value, (*layer)->source};
        } else if (auto it = defaults().find(key); it != defaults().end()) {
            settings.values[key] = {it->second, Source::default_value};
        }
    }
    pick_key(settings, all, explicit_profile);
    settings.typed = typed(settings);
    return settings;
}

std::string Settings::get(const std::string& key, const std::string& fallback) const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second.value;
}

bool Settings::has(const std::string& key) const { return values.count(key) > 0; }

const std::string& Settings::api_key() const {
    if (!key_cache_) {
        if (has("api_key")) {
            key_cache_ = get("api_key");
        } else if (has("api_key_command")) {
            std::string key = detail::run_key_command(typed.api_key_command, typed.key_command_timeout_s);
            detail::validate("api_key", key, "the output of api_key_command");
            key_cache_ = std::move(key);
        } else {
            key_cache_ = std::string();
        }
    }
    return *key_cache_;
}

std::vector<std::array<std::string, 3>> Settings::explain() const {
    std::vector<std::array<std::string, 3>> rows;
    rows.push_back({"profile", profile, std::string(source_name(profile_source))});
    rows.push_back({"file", file.string(), "-"});
    for (const auto& key : detail::known_keys()) {
        auto it = values.find(key);
        if (it != values.end()) {
            // The command is not secret (it names where the key lives); the key is.
            std::string shown = key == "api_key" ? http::redact_key(it->second.value) : it->second.value;
            rows.push_back({key, shown, std::string(source_name(it->second.source))});
        } else if (key == "api_key" && has("api_key_command")) {
            // Not run here: explaining must not prompt a secret manager.
            rows.push_back({key, "(from api_key_command)", std::string(source_name(values.at("api_key_command").source))});
        } else if (key == "output") {
            rows.push_back({key, "(table on a terminal, json otherwise)", "default"});
        } else {
            rows.push_back({key, "(not set)", "-"});
        }
    }
    return rows;
}

}  // namespace crm::config
