// crm tags list|create|update|delete ENTITY ...
#include "api/resources.h"
#include "cli/tags_forms.h"
#include "options.h"
#include "help.h"
#include "tree.h"

namespace crm::cmd {

void add_tags_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("tags", "Work with the tags of leads, opportunities, contacts, orgs and cases");
    group->require_subcommand(1);
    examples(group, {"crm tags list leads", "crm tags create leads --label hot --color '#ff0000'"});
    auto entity_arg = [](CLI::App* sub, std::string& entity) {
        sub->add_option("entity", entity, "leads, opportunities, contacts, orgs or cases")->required();
    };

    auto list = tree.make<cli::TagOptions>();
    auto* sub = group->add_subcommand("list", "List the tags of an entity");
    entity_arg(sub, list->entity);
    examples(sub, {"crm tags list leads", "crm tags list contacts -o json --fields id,label"});
    tree.on_run(sub, [list](cli::Context& ctx) { cli::run_tags_list(ctx, *list); });

    auto create = tree.make<cli::TagOptions>();
    sub = group->add_subcommand("create", "Create a tag");
    entity_arg(sub, create->entity);
    sub->add_option("--label", create->tag.label, "Tag label")->required();
    sub->add_option("--color", create->tag.color, "Colour as #rrggbb");
    examples(sub, {"crm tags create leads --label hot", "crm tags create cases --label urgent --color '#ff0000'"});
    tree.on_run(sub, [create](cli::Context& ctx) { cli::run_tags_create(ctx, *create); });

    auto update = tree.make<cli::TagOptions>();
    sub = group->add_subcommand("update", "Change a tag's label or colour");
    entity_arg(sub, update->entity);
    sub->add_option("tag-id", update->id, "Tag id")->required();
    sub->add_option("--label", update->tag.label, "New label");
    sub->add_option("--color", update->tag.color, "New colour as #rrggbb");
    examples(sub, {"crm tags update leads 3 --label warm", "crm tags update orgs 7 --color '#00aa00'"});
    tree.on_run(sub, [update](cli::Context& ctx) { cli::run_tags_update(ctx, *update); });

    auto remove = tree.make<cli::TagOptions>();
    sub = group->add_subcommand("delete", "Delete tags");
    entity_arg(sub, remove->entity);
    sub->add_option("tag-id", remove->ids, "Tag id(s)")->required();
    add_yes_flag(sub, remove->yes);
    examples(sub, {"crm tags delete leads 3", "crm tags delete contacts 4 5 --yes"});
    tree.on_run(sub, [remove](cli::Context& ctx) { cli::run_tags_delete(ctx, *remove); });
}

}  // namespace crm::cmd
