// crm auth login|status|logout. --profile and --base-url are the global flags.
#include "cli/commands_auth_config.h"
#include "help.h"
#include "tree.h"

namespace crm::cmd {

void add_auth_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("auth", "Save, check and remove the API key of a profile");
    group->require_subcommand(1);
    examples(group, {"crm auth login --base-url https://crm.example.com < keyfile", "crm auth status"});

    auto* login = group->add_subcommand(
        "login", "Check the API key read from standard input with one read, then save it (and --base-url) in the profile, mode 0600");
    examples(login, {"crm auth login --base-url https://crm.example.com < keyfile",
                     "pass show crm/prod | crm auth login --profile prod --base-url https://crm.example.com"});
    tree.on_run(login, [](cli::Context& ctx) { cli::run_auth_login(ctx); }, Tree::Prints::no_json);

    auto* status = group->add_subcommand("status", "Show where the key comes from and check it with one read request");
    auto all = tree.make<bool>();
    status->add_flag("--all", *all, "Every profile of the config file, each key checked (none: the credentials in use)");
    examples(status, {"crm auth status", "crm auth status --profile prod", "crm auth status --all"});
    tree.on_run(status, [all](cli::Context& ctx) { *all ? cli::run_auth_status_all(ctx) : cli::run_auth_status(ctx); }, Tree::Prints::no_json);

    auto* logout = group->add_subcommand("logout", "Remove the API key from the profile");
    examples(logout, {"crm auth logout", "crm auth logout --profile staging"});
    tree.on_run(logout, [](cli::Context& ctx) { cli::run_auth_logout(ctx); }, Tree::Prints::no_json);
}

}  // namespace crm::cmd
