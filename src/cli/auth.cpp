// crm auth: the key enters through standard input only, so it never lands in shell history
// or in `ps` output, and leaves only redacted.
#include "api/requests.h"
#include "cli/commands_auth_config.h"

#include "errors.h"
#include "http/client.h"

#include <fmt/format.h>

#include <istream>

namespace crm::cli {

namespace {

std::string trim(const std::string& text) {
    const char* space = " \t\r\n\v\f";
    auto first = text.find_first_not_of(space);
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::string read_key(Context& ctx) {
    std::string key = trim(ctx.io().read_secret("Paste your API key (not shown): "));
    if (key.empty()) throw UsageError("no key on standard input (pipe it in: crm auth login < keyfile)");
    return key;
}

// A key in the environment beats the default profile's, so the saved one would silently go
// unused (a profile named explicitly wins over the environment).
void note_env_key(Context& ctx) {
    if (config::active_profile(ctx.globals().overrides, ctx.getenv()).source != config::Source::default_value) return;
    if (auto env = ctx.getenv()("CRM_API_KEY"); env && !env->empty())
        ctx.report().warning("CRM_API_KEY is set and takes precedence over the saved key");
}

}  // namespace

void run_auth_login(Context& ctx) {
    const auto& flags = ctx.globals().overrides;
    if (flags.count("api_key"))
        throw UsageError("crm auth login reads the key from standard input, not from --api-key");
    const std::string profile = config::active_profile(flags, ctx.getenv()).value;
    const std::string key = read_key(ctx);

    config::ConfigFile file(config::config_path(ctx.getenv()));
    file.set(profile, "api_key", key);
    if (auto url = flags.find("base_url"); url != flags.end()) file.set(profile, "base_url", url->second);
    file.save();
    ctx.report().note(fmt::format("Logged in to profile {} (key {})", profile, http::redact_key(key)));
    note_env_key(ctx);
}

void run_auth_status(Context& ctx) {
    const auto& settings = ctx.settings();
    auto& out = ctx.io().out();
    auto source = [&](const std::string& key) {
        return std::string(config::source_name(settings.values.at(key).source));
    };
    out << fmt::format("profile:  {} ({})\n", settings.profile, config::source_name(settings.profile_source));
    out << fmt::format("base URL: {}\n", settings.has("base_url")
                                             ? fmt::format("{} ({})", settings.get("base_url"), source("base_url"))
                                             : "not set");
    if (settings.has("api_key"))
        out << fmt::format("key:      {} ({})\n", http::redact_key(settings.get("api_key")), source("api_key"));
    else if (settings.has("api_key_command"))
        out << fmt::format("key:      from api_key_command ({})\n", source("api_key_command"));
    else
        out << "key:      not set\n";
    out << std::flush;

    // Any read proves the key; a write would be needed to tell read-only from read/write.
    if (ctx.call(api::key_probe_request())) out << "key OK (read/write or read-only cannot be told by a read)\n";
}

void run_auth_logout(Context& ctx) {
    const std::string profile = config::active_profile(ctx.globals().overrides, ctx.getenv()).value;
    const auto path = config::config_path(ctx.getenv());
    config::ConfigFile file(path);
    if (!file.unset(profile, "api_key")) {
        ctx.report().note(fmt::format("No API key in profile {} ({}); nothing to remove", profile, path.string()));
        return;
    }
    file.save();
    ctx.report().note(fmt::format("Removed the API key from profile {} ({})", profile, path.string()));
    if (auto env = ctx.getenv()("CRM_API_KEY"); env && !env->empty())
        ctx.report().warning("CRM_API_KEY is still set in the environment");
}

}  // namespace crm::cli
