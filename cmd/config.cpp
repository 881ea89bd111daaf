// crm config get|set|unset|list|explain. The profile is the global --profile.
#include "cli/commands_auth_config.h"
#include "help.h"
#include "tree.h"

namespace crm::cmd {

void add_config_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("config", "Read and edit the config file's profile; explain the settings");
    group->require_subcommand(1);
    examples(group, {"crm config explain", "crm config set output csv --profile reports"});
    const char* key_help = "base_url, auth, output, timeout, retries, rate, tenant_id, api_key_command, user.id, …";

    auto get = tree.make<cli::ConfigOptions>();
    auto* sub = group->add_subcommand("get", "Print a key of the profile (exit 1 when unset)");
    sub->add_option("key", get->key, key_help)->required();
    examples(sub, {"crm config get base_url", "crm config get timeout --profile ci"});
    tree.on_run(sub, [get](cli::Context& ctx) { cli::run_config_get(ctx, *get); });

    auto set = tree.make<cli::ConfigOptions>();
    sub = group->add_subcommand("set", "Set a key of the profile (the API key: crm auth login)");
    sub->add_option("key", set->key, key_help)->required();
    sub->add_option("value", set->value, "The new value")->required();
    examples(sub, {"crm config set timeout 60", "crm config set api_key_command 'pass show crm/prod' --profile prod"});
    tree.on_run(sub, [set](cli::Context& ctx) { cli::run_config_set(ctx, *set); }, Tree::Prints::no_json);

    auto unset = tree.make<cli::ConfigOptions>();
    sub = group->add_subcommand("unset", "Remove a key from the profile");
    sub->add_option("key", unset->key, key_help)->required();
    examples(sub, {"crm config unset timeout", "crm config unset user.email --profile ci"});
    tree.on_run(sub, [unset](cli::Context& ctx) { cli::run_config_unset(ctx, *unset); }, Tree::Prints::no_json);

    sub = group->add_subcommand("list", "Print the profile's keys from the file (key redacted)");
    examples(sub, {"crm config list", "crm config list --profile prod"});
    tree.on_run(sub, [](cli::Context& ctx) { cli::run_config_list(ctx); });

    sub = group->add_subcommand("profiles", "List the profiles of the config file, the one in use marked");
    examples(sub, {"crm config profiles", "crm config profiles -o json"});
    tree.on_run(sub, [](cli::Context& ctx) { cli::run_config_profiles(ctx); });

    auto use = tree.make<std::string>();
    sub = group->add_subcommand("use", "Use this profile from now on when neither --profile nor CRM_PROFILE names one");
    sub->add_option("profile", *use, "A profile of the config file")->required();
    examples(sub, {"crm config use prod", "crm config use default"});
    tree.on_run(sub, [use](cli::Context& ctx) { cli::run_config_use(ctx, *use); }, Tree::Prints::no_json);

    sub = group->add_subcommand("explain", "Show every setting, its value and where it comes from");
    examples(sub, {"crm config explain", "CRM_TIMEOUT=5 crm config explain -o json"});
    tree.on_run(sub, [](cli::Context& ctx) { cli::run_config_explain(ctx); });
}

}  // namespace crm::cmd
