// crm forms get|set ENTITY: the custom-field forms of opportunities (= leads), contacts, orgs.
#include "cli/tags_forms.h"
#include "options.h"
#include "help.h"
#include "tree.h"

namespace crm::cmd {

void add_forms_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("forms", "Read or replace the custom-field forms");
    group->require_subcommand(1);
    examples(group, {"crm forms get opportunities", "crm forms set contacts -d @contacts-form.json --yes"});

    auto get = tree.make<std::string>();
    auto* sub = group->add_subcommand("get", "Show the form of opportunities (also leads), contacts or orgs");
    sub->add_option("entity", *get, "opportunities, leads, contacts or orgs")->required();
    examples(sub, {"crm forms get opportunities", "crm forms get contacts -o json > contacts-form.json"});
    tree.on_run(sub, [get](cli::Context& ctx) { cli::run_forms_get(ctx, *get); });

    struct SetOpts {
        std::string entity;
        api::BodyInput body;
        bool yes = false;
    };
    auto set = tree.make<SetOpts>();
    sub = group->add_subcommand("set", "Replace a form (the body must hold the whole \"fields\" array)");
    sub->add_option("entity", set->entity, "opportunities, leads, contacts or orgs")->required();
    add_body_flags(sub, set->body);
    add_yes_flag(sub, set->yes);
    examples(sub, {"crm forms set contacts -d @contacts-form.json --yes", "crm forms set orgs -d @- --dry-run < orgs-form.json"});
    tree.on_run(sub, [set](cli::Context& ctx) { cli::run_forms_set(ctx, set->entity, set->body, set->yes); });
}

}  // namespace crm::cmd
