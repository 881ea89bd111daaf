// crm auth login|status|logout and crm config get|set|unset|list|explain (CLI.md §6, §8).
// The profile is the active one: --profile (global flag), else CRM_PROFILE, else "default".
#pragma once
#include "cli/context.h"

#include <string>

namespace crm::cli {

// Reads the key from standard input (one line; a prompt on stderr when stdin is a
// terminal) and saves it, with --base-url when given, in the profile. Never from argv.
void run_auth_login(Context& ctx);
// Shows where the key comes from (redacted), then checks it with one read request.
void run_auth_status(Context& ctx);
// Every profile of the file, each as run_auth_status shows it, each key checked.
void run_auth_status_all(Context& ctx);
void run_auth_logout(Context& ctx);

struct ConfigOptions {
    std::string key;
    std::string value;
};

void run_config_get(Context& ctx, const ConfigOptions& options);
void run_config_set(Context& ctx, const ConfigOptions& options);  // refuses api_key
void run_config_unset(Context& ctx, const ConfigOptions& options);
void run_config_list(Context& ctx);
void run_config_explain(Context& ctx);
// The profiles of the file, the one in use marked (`current`), with their base URLs.
void run_config_profiles(Context& ctx);
// Makes `profile` the one used without --profile/CRM_PROFILE; it must exist (else exit 2).
void run_config_use(Context& ctx, const std::string& profile);

}  // namespace crm::cli
