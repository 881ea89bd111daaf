// crm config: edits the active profile in the file (get/set/unset/list) and explains where
// every setting in use comes from. Keys are shown redacted everywhere.
#include "cli/commands_auth_config.h"

#include "errors.h"
#include "http/client.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace crm::cli {

namespace {

struct Target {
    std::string profile;
    config::ConfigFile file;
};

// Editing never resolves the settings, so a file with a bad value can still be repaired.
Target target(Context& ctx) {
    return {config::active_profile(ctx.globals().overrides, ctx.getenv()).value,
            config::ConfigFile(config::config_path(ctx.getenv()))};
}

std::string shown(const std::string& key, const std::string& value) {
    return key == "api_key" ? http::redact_key(value) : value;
}

}  // namespace

void run_config_get(Context& ctx, const ConfigOptions& options) {
    auto [profile, file] = target(ctx);
    auto value = file.get(profile, options.key);
    if (!value) {
        // Like `git config`: exit 1 for an unset key, so scripts can test for it.
        throw Error(fmt::format("{} is not set in profile {}", options.key, profile), kExitUnexpected);
    }
    ctx.io().out() << shown(options.key, *value) << '\n';
}

void run_config_set(Context& ctx, const ConfigOptions& options) {
    if (options.key == "api_key")
        throw UsageError("the key is not taken from the command line (shell history); run: crm auth login");
    auto [profile, file] = target(ctx);
    file.set(profile, options.key, options.value);
    file.save();
    if (!ctx.globals().quiet) ctx.report().note(fmt::format("Set {} in profile {}", options.key, profile));
}

void run_config_unset(Context& ctx, const ConfigOptions& options) {
    auto [profile, file] = target(ctx);
    if (!file.unset(profile, options.key)) {
        ctx.report().note(fmt::format("{} was not set in profile {}", options.key, profile));
        return;
    }
    file.save();
    if (!ctx.globals().quiet) ctx.report().note(fmt::format("Unset {} in profile {}", options.key, profile));
}

void run_config_list(Context& ctx) {
    auto [profile, file] = target(ctx);
    for (const auto& [key, value] : file.list(profile)) ctx.io().out() << key << " = " << shown(key, value) << '\n';
}

void run_config_explain(Context& ctx) {
    const auto rows = ctx.settings().explain();  // api_key already redacted
    auto renderer = ctx.renderer({"key", "value", "source"});
    renderer->begin_list();
    for (const auto& [key, value, source] : rows) {
        json::Document record(rapidjson::kObjectType);
        auto& alloc = record.GetAllocator();
        record.AddMember("key", json::str(key, alloc), alloc);
        record.AddMember("value", json::str(value, alloc), alloc);
        record.AddMember("source", json::str(source, alloc), alloc);
        renderer->record(record);
    }
    renderer->end_page();
    renderer->end_list();
}

void run_config_profiles(Context& ctx) {
    const config::ConfigFile file(config::config_path(ctx.getenv()));
    const std::string current = config::active_profile(ctx.globals().overrides, ctx.getenv()).value;
    auto renderer = ctx.renderer({"current", "name", "base_url"});
    renderer->begin_list();
    for (const auto& name : file.profiles()) {
        json::Document record(rapidjson::kObjectType);
        auto& alloc = record.GetAllocator();
        record.AddMember("current", name == current, alloc);
        record.AddMember("name", json::str(name, alloc), alloc);
        record.AddMember("base_url", json::str(file.get(name, "base_url").value_or(""), alloc), alloc);
        renderer->record(record);
    }
    renderer->end_page();
    renderer->end_list();
}

void run_config_use(Context& ctx, const std::string& profile) {
    config::ConfigFile file(config::config_path(ctx.getenv()));
    const auto names = file.profiles();
    if (std::find(names.begin(), names.end(), profile) == names.end()) {
        throw UsageError(fmt::format("no profile '{}' in {} (profiles: {})", profile,
                                     config::config_path(ctx.getenv()).string(),
                                     names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
    }
    file.set_current_profile(profile);
    file.save();
    if (!ctx.globals().quiet) ctx.report().note(fmt::format("Using profile {} from now on", profile));
}

}  // namespace crm::cli
