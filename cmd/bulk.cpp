// crm bulk delete ENTITY: one subcommand per entity of the resource table that has a bulk
// endpoint, each with that entity's list filters (delete by filter, CLI.md §7).
#include "cli/bulk_cmd.h"
#include "cli/complete.h"
#include "help.h"
#include "tree.h"

#include <fmt/format.h>

#include <map>

namespace crm::cmd {

namespace {

struct BulkOpts {
    cli::BulkDeleteOptions options;
    std::map<std::string, std::vector<std::string>> named;  // filter flag → values
};

void add_bulk_delete(Tree& tree, CLI::App* group, const api::Resource& r) {
    auto opts = tree.make<BulkOpts>();
    auto& o = opts->options;
    auto* sub = group->add_subcommand(r.name, fmt::format("Delete many {} in batches", r.name));
    for (const auto& alias : r.aliases) sub->alias(alias);
    examples(sub, {fmt::format("crm bulk delete {} --ids 1,2,3 --yes", r.name),
                   fmt::format("crm {} list {} --all -o ids | crm bulk delete {} --ids-from - --yes", r.name,
                               r.example_filter, r.name),
                   fmt::format("crm bulk delete {} {} --max-delete 500 --journal nightly.journal --yes", r.name,
                               r.example_filter)});
    sub->add_option("--ids", o.ids, "Ids to delete: ID[,ID...] (repeatable)");
    sub->add_option("--ids-from", o.ids_from,
                    "Read ids from FILE (- for stdin): one per line, or crm's json/ndjson list output");
    sub->add_option("--batch-size", o.batch_size, "Ids per request, 1 to 1000 (default 100)");
    sub->add_option("--parallel", o.parallel, "Requests in flight at once, 1 to 16 (default 4)");
    sub->add_option("--max-delete", o.max_delete,
                    "Refuse (exit 2, nothing sent) when more than N records are selected; N or none "
                    "(required for a delete by filter off a terminal)");
    sub->add_option("--journal", o.journal, "Record each batch in FILE; a re-run with it skips what was accepted");
    sub->add_option("--failed-out", o.failed_out, "Write the ids that failed (or got no answer) to FILE, one per line");
    sub->add_flag("--ignore-not-found", o.ignore_not_found, "Ids the server does not find count as deleted");
    sub->add_flag("--allow-unknown-filter", o.allow_unknown_filter,
                  "Delete by a --filter KEY the API reference does not list for this entity");
    sub->add_flag("-y,--yes", o.yes, "Do not ask for confirmation (required when not on a terminal)");
    sub->add_option("--filter", o.filter.raw, "Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)");
    for (const auto& f : r.filters) {
        if (f.flag == "ids") continue;  // contacts' --ids filter: the same as the id source above
        auto* option = sub->add_option("--" + f.flag, opts->named[f.flag], "Delete by filter: " + f.help);
        if (f.kind == api::FilterKind::boolean) option->check(CLI::IsMember({"true", "false"}));
        if (f.flag == "tags") complete_with(sub, "--tags", fmt::format("{} {}", cli::kCompleteTags, r.name));
    }
    tree.on_run(sub, [opts, &r](cli::Context& ctx) {
        auto& named = opts->options.filter.named;
        named.clear();
        for (const auto& f : r.filters) {
            if (f.flag == "ids") continue;
            const auto& values = opts->named[f.flag];
            if (!values.empty()) named.emplace_back(f.flag, values);
        }
        cli::run_bulk_delete(ctx, r, opts->options);
    }, Tree::Prints::no_json);
}

}  // namespace

void add_bulk_commands(Tree& tree) {
    auto* bulk = tree.app.add_subcommand("bulk", "Act on many records at once, safely from cron");
    bulk->require_subcommand(1);
    const std::vector<std::string> lines{
        "crm bulk delete leads --ids 1,2,3 --yes",
        "crm bulk delete leads --archived true --max-delete 5000 --journal nightly.journal --yes",
        "crm contacts list --search doe --all -o ids | crm bulk delete contacts --ids-from - --dry-run"};
    examples(bulk, lines);
    auto* del = bulk->add_subcommand(
        "delete", "Delete many records: by --ids, --ids-from FILE|- or a list filter; journaled, resumable");
    del->require_subcommand(1);
    examples(del, lines);
    for (const auto& r : api::resources()) {
        if (r.parent.empty() && !r.bulk_path.empty()) add_bulk_delete(tree, del, r);
    }
}

}  // namespace crm::cmd
