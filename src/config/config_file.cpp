// ConfigFile: the TOML file of profiles, read strictly (unknown keys are refused so a typo
// never goes unnoticed) and written privately. Layout:
//   [profiles.NAME]       base_url, api_key, api_key_command, auth, output, timeout, retries,
//                         rate, tenant_id
//   [profiles.NAME.user]  id, name, email
// Comments in the file are not preserved when crm rewrites it.
#include "config/keys.h"
#include "config/private_file.h"
#include "config/settings.h"
#include "errors.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace crm::config {

namespace fs = std::filesystem;

struct ConfigFile::Data {
    toml::table root;
};

namespace {

// "user.id" → {"user", "id"}; "timeout" → {"", "timeout"}.
std::pair<std::string, std::string> split_key(const std::string& key) {
    auto dot = key.find('.');
    if (dot == std::string::npos) return {"", key};
    return {key.substr(0, dot), key.substr(dot + 1)};
}

std::optional<std::string> scalar_text(const toml::node& node) {
    if (const auto* text = node.as_string()) return text->get();
    if (const auto* integer = node.as_integer()) return std::to_string(integer->get());
    if (const auto* number = node.as_floating_point()) return fmt::format("{}", number->get());
    return std::nullopt;
}

void refuse_unknown(const fs::path& path, const std::string& where) {
    throw UsageError(fmt::format("config file {}: unknown key '{}' (known keys: {})", path.string(), where,
                                 detail::known_keys_text()));
}

// The top-level key `crm config use` writes.
constexpr std::string_view kCurrentProfile = "current_profile";

// The structure every reader relies on: only [profiles.*] tables of known string/number keys.
void check_structure(const fs::path& path, const toml::table& root) {
    for (const auto& [name, node] : root) {
        if (name.str() == kCurrentProfile && node.is_string()) continue;
        if (name.str() != "profiles" || !node.is_table())
            throw UsageError(fmt::format("config file {}: expected only current_profile and [profiles.NAME] tables, found '{}'",
                                         path.string(), name.str()));
    }
    const toml::table* profiles = root["profiles"].as_table();
    if (!profiles) return;
    for (const auto& [profile, table] : *profiles) {
        const std::string prefix = fmt::format("profiles.{}", profile.str());
        if (!table.is_table()) throw UsageError(fmt::format("config file {}: '{}' must be a table", path.string(), prefix));
        for (const auto& [key, value] : *table.as_table()) {
            std::string name(key.str());
            if (name == "user" && value.is_table()) {
                for (const auto& [user_key, user_value] : *value.as_table()) {
                    std::string dotted = "user." + std::string(user_key.str());
                    if (!detail::is_known_key(dotted)) refuse_unknown(path, prefix + "." + dotted);
                    if (!scalar_text(user_value))
                        throw UsageError(fmt::format("config file {}: '{}.{}' must be a string or a number",
                                                     path.string(), prefix, dotted));
                }
                continue;
            }
            if (!detail::is_known_key(name) || name.starts_with("user.")) refuse_unknown(path, prefix + "." + name);
            if (!scalar_text(value))
                throw UsageError(
                    fmt::format("config file {}: '{}.{}' must be a string or a number", path.string(), prefix, name));
        }
    }
}

// Missing file: empty. Unreadable or invalid: UsageError naming the file (and line/column).
toml::table load(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec) && !ec) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError(fmt::format("cannot read config file {}: {}", path.string(), std::strerror(errno)));
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        toml::table root = toml::parse(text.str(), path.string());
        check_structure(path, root);
        return root;
    } catch (const toml::parse_error& e) {
        throw UsageError(fmt::format("config file {}:{}:{}: {}", path.string(), e.source().begin.line,
                                     e.source().begin.column, e.description()));
    }
}

const toml::node* find(const toml::table& root, const std::string& profile, const std::string& key) {
    auto [group, name] = split_key(key);
    toml::node_view<const toml::node> view = root["profiles"][profile];
    if (!group.empty()) view = view[group];
    return view[name].node();
}

// Numbers are written as TOML numbers so the file reads naturally (timeout = 30).
void assign(toml::table& table, const std::string& key, const std::string& value) {
    if (key == "retries") {
        table.insert_or_assign(key, static_cast<int64_t>(std::stol(value)));
    } else if (key == "timeout" || key == "rate" || key == "api_key_command_timeout") {
        double number = std::stod(value);
        if (number == std::floor(number) && std::abs(number) < 1e15)
            table.insert_or_assign(key, static_cast<int64_t>(number));
        else
            table.insert_or_assign(key, number);
    } else {
        table.insert_or_assign(key, value);
    }
}

void refuse_unknown_key(const std::string& key) {
    if (!detail::is_known_key(key))
        throw UsageError(fmt::format("unknown config key '{}' (known keys: {})", key, detail::known_keys_text()));
}

toml::table& child_table(toml::table& parent, const std::string& key) {
    auto [it, inserted] = parent.emplace<toml::table>(key);
    return *it->second.as_table();
}

}  // namespace

ConfigFile::ConfigFile(fs::path path) : path_(std::move(path)), data_(std::make_shared<Data>()) {
    data_->root = load(path_);
}

std::optional<std::string> ConfigFile::get(const std::string& profile, const std::string& key) const {
    refuse_unknown_key(key);
    const toml::node* node = find(data_->root, profile, key);
    return node ? scalar_text(*node) : std::nullopt;
}

void ConfigFile::set(const std::string& profile, const std::string& key, const std::string& value) {
    refuse_unknown_key(key);
    detail::validate(key, value, key);
    toml::table& table = child_table(child_table(data_->root, "profiles"), profile);
    auto [group, name] = split_key(key);
    assign(group.empty() ? table : child_table(table, group), name, value);
}

bool ConfigFile::unset(const std::string& profile, const std::string& key) {
    refuse_unknown_key(key);
    toml::table* table = data_->root["profiles"][profile].as_table();
    if (!table) return false;
    auto [group, name] = split_key(key);
    if (group.empty()) return table->erase(name) > 0;
    toml::table* sub = table->get_as<toml::table>(group);
    if (!sub || sub->erase(name) == 0) return false;
    if (sub->empty()) table->erase(group);
    return true;
}

std::vector<std::pair<std::string, std::string>> ConfigFile::list(const std::string& profile) const {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& key : detail::known_keys()) {
        if (auto value = get(profile, key)) rows.emplace_back(key, *value);
    }
    return rows;
}

std::vector<std::string> ConfigFile::profiles() const {
    std::vector<std::string> names;
    if (const toml::table* profiles = data_->root["profiles"].as_table()) {
        for (const auto& [name, table] : *profiles) names.emplace_back(name.str());
    }
    return names;
}

std::optional<std::string> ConfigFile::current_profile() const {
    return data_->root[kCurrentProfile].value<std::string>();
}

void ConfigFile::set_current_profile(const std::string& profile) { data_->root.insert_or_assign(kCurrentProfile, profile); }

void ConfigFile::save() const {
    std::ostringstream text;
    // Flat, like a hand-written file: no indentation of [profiles.NAME.user].
    constexpr auto flags = toml::toml_formatter::default_flags & ~toml::format_flags::indent_sub_tables;
    text << toml::toml_formatter(data_->root, flags) << '\n';
    detail::write_private_file(path_, text.str());
}

}  // namespace crm::config
