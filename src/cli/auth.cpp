// crm auth: the key enters through standard input only, so it never lands in shell history
// or in `ps` output, and leaves only redacted.
#include "api/requests.h"
#include "cli/commands_auth_config.h"

#include "errors.h"
#include "http/client.h"

#include <fmt/format.h>

#include <algorithm>
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

// The key as the profile would use it, before anything is saved: the profile's other settings
// (base URL, auth mode, timeout) with this key in place of its own. A profile that does not
// exist yet is checked with the settings every profile starts from.
Context probe_context(Context& ctx, const std::string& profile, const std::string& key) {
    Globals globals = ctx.globals();
    globals.overrides["api_key"] = key;
    const auto names = config::ConfigFile(config::config_path(ctx.getenv())).profiles();
    const bool exists = std::find(names.begin(), names.end(), profile) != names.end();
    if (exists) globals.overrides["profile"] = profile;
    else globals.overrides.erase("profile");
    config::Getenv getenv = [outer = ctx.getenv(), exists](const std::string& name) -> std::optional<std::string> {
        if (!exists && name == "CRM_PROFILE") return std::nullopt;
        return outer(name);
    };
    return Context(ctx.io(), std::move(globals), std::move(getenv));
}

// Whether the key can write, asked with OPTIONS (no write is sent): a 403 is the gateway's
// answer to a read-only key; any other answer but 401 means the request got past the key check.
std::string write_access(Context& probe) {
    auto result = probe.client().send(api::write_probe_request());
    if (result.failure != http::Failure::none) return "cannot tell whether it can write (no answer to OPTIONS)";
    const long status = result.response.status;
    if (status == 403) return "read-only, writes will be refused";
    if (status == 401) return "cannot tell whether it can write (OPTIONS: HTTP 401)";
    return "read/write";
}

}  // namespace

void run_auth_login(Context& ctx) {
    const auto& flags = ctx.globals().overrides;
    if (flags.count("api_key"))
        throw UsageError("crm auth login reads the key from standard input, not from --api-key");
    const std::string profile = config::active_profile(flags, ctx.getenv()).value;
    const std::string key = read_key(ctx);

    // One read proves the key; a refused key is exit 3 and nothing is saved.
    Context probe = probe_context(ctx, profile, key);
    probe.call(api::key_probe_request(), fmt::format("key refused, nothing saved in profile {}", profile));
    const std::string access = write_access(probe);

    config::ConfigFile file(config::config_path(ctx.getenv()));
    file.set(profile, "api_key", key);
    if (auto url = flags.find("base_url"); url != flags.end()) file.set(profile, "base_url", url->second);
    file.save();
    ctx.report().note(fmt::format("Logged in to profile {} (key {}): {}", profile, http::redact_key(key), access));
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

    // A read proves the key; OPTIONS tells a read-only one, without a write.
    if (ctx.call(api::key_probe_request())) out << fmt::format("key OK: {}\n", write_access(ctx));
}

void run_auth_status_all(Context& ctx) {
    const auto profiles = config::ConfigFile(config::config_path(ctx.getenv())).profiles();
    // No profiles: the credentials in use (the environment's, say, in CI) are all there is to check.
    if (profiles.empty()) return run_auth_status(ctx);
    int failed = 0, code = kExitOk;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        if (i) ctx.io().out() << '\n';
        Globals globals = ctx.globals();
        globals.overrides["profile"] = profiles[i];
        Context one(ctx.io(), std::move(globals), ctx.getenv());
        try {
            run_auth_status(one);
        } catch (const Error& e) {
            one.report().error(problem_of(e));
            code = failed++ == 0 || code == e.exit_code() ? e.exit_code() : kExitPartial;
        }
    }
    if (failed == 0) return;
    // Each failure is reported above; the exit code is theirs, 9 when they differ or some passed.
    throw Error(fmt::format("{} of {} profiles failed the key check", failed, profiles.size()),
                failed == static_cast<int>(profiles.size()) ? code : kExitPartial);
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
