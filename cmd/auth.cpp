// crm auth login|status|logout. --profile and --base-url are the global flags.
#include "cli/commands_auth_config.h"
#include "tree.h"

namespace crm::cmd {

void add_auth_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("auth", "Save, check and remove the API key of a profile");
    group->require_subcommand(1);

    auto* login = group->add_subcommand(
        "login", "Save the API key read from standard input (and --base-url) in the profile, mode 0600");
    tree.on_run(login, [](cli::Context& ctx) { cli::run_auth_login(ctx); });

    auto* status = group->add_subcommand("status", "Show where the key comes from and check it with one read request");
    tree.on_run(status, [](cli::Context& ctx) { cli::run_auth_status(ctx); });

    auto* logout = group->add_subcommand("logout", "Remove the API key from the profile");
    tree.on_run(logout, [](cli::Context& ctx) { cli::run_auth_logout(ctx); });
}

}  // namespace crm::cmd
