// resolve(): every known key from the first layer that has it — flag, environment, profile —
// else its default. api_key and api_key_command are one choice: the first layer holding
// either decides, and api_key wins within a layer.
#include "config/settings.h"

#include "config/key_command.h"
#include "config/keys.h"
#include "config/private_file.h"
#include "errors.h"
#include "http/client.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>

namespace crm::config {

namespace fs = std::filesystem;

std::string_view source_name(Source source) {
    switch (source) {
        case Source::flag: return "flag";
        case Source::env: return "environment";
        case Source::profile: return "profile";
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
        {"auth", "header"}, {"timeout", "30"}, {"retries", "3"}, {"rate", "0"}};
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
    Layer prof{Source::profile, {}, [profile, path](const std::string&) {
                   return fmt::format("profile '{}' in {}", profile, path.string());
               }};
    for (const auto& [key, name] : env_names()) {
        if (auto it = flags.find(key); it != flags.end()) flag.values[key] = it->second;
        if (auto value = env_value(getenv, name)) env.values[key] = *value;
    }
    for (auto& [key, value] : file.list(profile)) prof.values[key] = value;
    return {std::move(flag), std::move(env), std::move(prof)};
}

bool holds_key(const ConfigFile& file) {
    const auto names = file.profiles();
    return std::any_of(names.begin(), names.end(), [&](const std::string& p) { return file.get(p, "api_key"); });
}

// A profile asked for by name must exist, so a typo in --profile cannot silently run
// against the defaults — unless flags and environment already give a base URL and a key
// (CI with CRM_PROFILE set globally and no config file).
void require_profile(const Settings& settings, const ConfigFile& file, const std::vector<Layer>& all) {
    if (settings.profile_source == Source::default_value) return;
    const auto names = file.profiles();
    if (std::find(names.begin(), names.end(), settings.profile) != names.end()) return;
    auto given = [&](const std::string& key) {
        return std::any_of(all.begin(), all.end(), [&](const Layer& layer) {
            return layer.source != Source::profile && layer.values.count(key);
        });
    };
    if (given("base_url") && (given("api_key") || given("api_key_command"))) return;
    throw UsageError(fmt::format("profile '{}' not found in {} (profiles: {})", settings.profile,
                                 settings.file.string(), names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
}

void pick_key(Settings& settings, const std::vector<Layer>& all) {
    for (const auto& layer : all) {
        for (const char* key : {"api_key", "api_key_command"}) {
            if (auto it = layer.values.find(key); it != layer.values.end()) {
                detail::validate(key, it->second, layer.where(key));
                settings.values[key] = {it->second, layer.source};
                return;
            }
        }
    }
}

}  // namespace

fs::path config_path(const Getenv& getenv) {
    if (auto xdg = env_value(getenv, "XDG_CONFIG_HOME")) return fs::path(*xdg) / "crm" / "config.toml";
    return fs::path(env_value(getenv, "HOME").value_or("")) / ".config" / "crm" / "config.toml";
}

Value active_profile(const Overrides& flags, const Getenv& getenv) {
    if (auto it = flags.find("profile"); it != flags.end()) return {it->second, Source::flag};
    if (auto value = env_value(getenv, "CRM_PROFILE")) return {*value, Source::env};
    return {"default", Source::default_value};
}

Settings resolve(const Overrides& flags, const Getenv& getenv) {
    Settings settings;
    settings.file = config_path(getenv);
    Value profile = active_profile(flags, getenv);
    settings.profile = profile.value;
    settings.profile_source = profile.source;

    ConfigFile file(settings.file);
    if (holds_key(file)) detail::refuse_if_exposed(settings.file);
    const auto all = layers(flags, getenv, settings.profile, file, settings.file);
    require_profile(settings, file, all);

    for (const auto& key : detail::known_keys()) {
        if (key == "api_key" || key == "api_key_command") continue;
        auto layer = std::find_if(all.begin(), all.end(), [&](const Layer& l) { return l.values.count(key); });
        if (layer != all.end()) {
            const std::string& value = layer->values.at(key);
            detail::validate(key, value, layer->where(key));
            settings.values[key] = {value, layer->source};
        } else if (auto it = defaults().find(key); it != defaults().end()) {
            settings.values[key] = {it->second, Source::default_value};
        }
    }
    pick_key(settings, all);
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
            std::string key = detail::run_key_command(get("api_key_command"));
            detail::validate("api_key", key, "api_key_command");
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
