// leads, opportunities, contacts, orgs, cases (and their children: pipelines, case types):
// every command here is generated from the resource table.
#include "cli/complete.h"
#include "cli/entities.h"
#include "cli/import_cmd.h"
#include "help.h"
#include "options.h"
#include "tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace crm::cmd {

namespace {

// The name-aware flags of CLI.md §12 (--pipeline, --case-type, --stage), from Resource::names.
struct NameOpts {
    std::map<std::string, std::optional<std::string>> refs;
    std::optional<std::string> stage;
    cli::NameFlags flags() const {
        cli::NameFlags flags{.stage = stage};
        for (const auto& [flag, value] : refs) {
            if (value) flags.refs.emplace(flag, *value);
        }
        return flags;
    }
};

// "crm leads", "crm opportunities pipelines": how the examples begin.
std::string command_of(const api::Resource& r) {
    return r.parent.empty() ? "crm " + r.name : fmt::format("crm {} {}", r.parent, r.name);
}

// The examples of the generated commands: written once here, filled in from the resource table
// (Resource::example_filter, example_fields), so each entity's lines name its own flags.
std::vector<std::string> list_examples(const api::Resource& r) {
    const auto c = command_of(r);
    std::vector<std::string> lines;
    if (!r.example_filter.empty()) lines.push_back(fmt::format("{} list {}", c, r.example_filter));
    lines.push_back(fmt::format("{} list --all -o csv --fields {},{} > {}.csv", c, r.columns[0], r.columns[1], r.name));
    lines.push_back(fmt::format("{} list --limit 5 -o json", c));
    return lines;
}

std::vector<std::string> group_examples(const api::Resource& r) {
    const auto c = command_of(r);
    std::vector<std::string> lines{list_examples(r).front(), fmt::format("{} get 42", c)};
    if (r.ops & api::kCreate) lines.push_back(fmt::format("{} create {}", c, r.example_fields));
    return lines;
}

// The words `crm __complete` takes for the entity's tag labels: "tags leads".
std::string tags_completion(const api::Resource& r) { return fmt::format("{} {}", cli::kCompleteTags, r.name); }

bool has_filter(const api::Resource& r, const std::string& flag) {
    return std::any_of(r.filters.begin(), r.filters.end(), [&](const api::Filter& f) { return f.flag == flag; });
}

// On a list, a name flag the API filters on is that filter (it takes a name too); the others
// filter client-side, and their help says so.
void add_name_flags(CLI::App* sub, NameOpts& opts, const api::Resource& r, bool listing) {
    constexpr const char* kClientSide = " (filtered client-side: the API has no such filter; add --all to search every page)";
    for (const auto& ref : r.names) {
        if (listing && has_filter(r, ref.flag)) continue;
        sub->add_option("--" + ref.flag, opts.refs[ref.flag], ref.help + (listing ? kClientSide : ", looked up first"))
            ->expected(1)
            ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    }
    if (r.has_status_and_stage) {
        complete_with(sub, "--stage", cli::kCompleteStages);
        sub->add_option("--stage", opts.stage,
                        std::string("Stage: its label or key, in the --pipeline given, else ") +
                            (listing ? "in any pipeline" : "the body's or the record's pipeline, else the default one") +
                            (listing ? kClientSide : ""))
            ->expected(1)
            ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    }
}

struct ListOpts {
    api::ListParams params;
    cli::Paging paging;
    std::map<std::string, std::vector<std::string>> named;
    NameOpts names;
};

void add_list(Tree& tree, CLI::App* group, const api::Resource& r) {
    auto opts = tree.make<ListOpts>();
    auto* sub = group->add_subcommand("list", fmt::format("List {}", r.name));
    examples(sub, list_examples(r));
    add_paging_flags(sub, opts->paging);
    sub->add_option("--sort", opts->params.sort, "Sort order: asc or desc")
        ->check(CLI::IsMember({"asc", "desc"}, CLI::ignore_case));
    sub->add_option("--order-by", opts->params.order_by, "Field to sort by");
    sub->add_option("--filter", opts->params.raw, "Any query parameter KEY=VALUE, sent as is (repeatable)");
    for (const auto& f : r.filters) {
        auto* option = sub->add_option("--" + f.flag, opts->named[f.flag], f.help);
        // Lists may repeat (--tags a --tags b); every other filter takes one value.
        if (f.kind != api::FilterKind::list) option->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::Throw);
        if (f.kind == api::FilterKind::boolean) option->check(CLI::IsMember({"true", "false"}));
        if (f.flag == "tags") complete_with(sub, "--tags", tags_completion(r));
    }
    add_name_flags(sub, opts->names, r, true);
    tree.on_run(sub, [opts, &r](cli::Context& ctx) {
        opts->params.named.clear();
        for (const auto& f : r.filters) {
            const auto& values = opts->named[f.flag];
            if (!values.empty()) opts->params.named.emplace_back(f.flag, values);
        }
        cli::run_list(ctx, r, opts->params, opts->paging, opts->names.flags());
    });
}

void add_crud(Tree& tree, CLI::App* group, const api::Resource& r) {
    if (r.ops & api::kList) add_list(tree, group, r);
    if (r.ops & api::kGet) {
        auto ids = tree.make<std::vector<std::string>>();
        auto* sub = group->add_subcommand("get", fmt::format("Show {} by id (several ids: fetched concurrently)", r.name));
        sub->add_option("id", *ids, "Id(s)")->required();
        examples(sub, {fmt::format("{} get 42", command_of(r)),
                       fmt::format("{} get 42 43 -o json --fields {},{}", command_of(r), r.columns[0], r.columns[1])});
        tree.on_run(sub, [ids, &r](cli::Context& ctx) { cli::run_get(ctx, r, *ids); });
    }
    if (r.ops & api::kCreate) {
        struct CreateOpts {
            api::BodyInput body;
            NameOpts names;
        };
        auto opts = tree.make<CreateOpts>();
        auto* sub = group->add_subcommand("create", fmt::format("Create {} (requires {})", api::a_singular(r), r.required));
        add_body_flags(sub, opts->body);
        add_name_flags(sub, opts->names, r, false);
        examples(sub, {fmt::format("{} create {}", command_of(r), r.example_fields),
                       fmt::format("{} create -d @{}.json", command_of(r), r.name),
                       fmt::format("{} create {} --dry-run", command_of(r), r.example_fields)});
        tree.on_run(sub, [opts, &r](cli::Context& ctx) { cli::run_create(ctx, r, opts->body, opts->names.flags()); });
    }
    if (r.ops & api::kUpdate) {
        struct Opts {
            std::string id;
            api::BodyInput body;
            NameOpts names;
        };
        auto opts = tree.make<Opts>();
        auto* sub = group->add_subcommand("update", fmt::format("Update {} (partial: only the fields given)", api::a_singular(r)));
        sub->add_option("id", opts->id, "Id")->required();
        add_body_flags(sub, opts->body);
        add_name_flags(sub, opts->names, r, false);
        examples(sub, {fmt::format("{} update 42 {}", command_of(r), r.example_fields),
                       fmt::format("{} update 42 -d @changes.json", command_of(r))});
        tree.on_run(sub, [opts, &r](cli::Context& ctx) {
            cli::run_update(ctx, r, opts->id, opts->body, opts->names.flags());
        });
    }
    if (r.ops & api::kDelete) {
        struct Opts {
            std::vector<std::string> ids;
            cli::DestructiveOptions destructive;
        };
        auto opts = tree.make<Opts>();
        auto* sub = group->add_subcommand("delete", fmt::format("Delete {} by id", r.name));
        sub->add_option("id", opts->ids, "Id(s)")->required();
        add_yes_flag(sub, opts->destructive.yes);
        add_ignore_not_found_flag(sub, opts->destructive.ignore_not_found);
        examples(sub, {fmt::format("{} delete 42", command_of(r)),
                       fmt::format("{} delete 42 43 --yes --ignore-not-found", command_of(r))});
        tree.on_run(sub, [opts, &r](cli::Context& ctx) { cli::run_delete(ctx, r, opts->ids, opts->destructive); }, Tree::Prints::no_json);
    }
}

void add_id_actions(Tree& tree, CLI::App* group, const api::Resource& r) {
    for (const auto& action : r.id_actions) {
        struct Opts {
            std::vector<std::string> ids;
            bool ignore_not_found = false;
        };
        auto opts = tree.make<Opts>();
        auto* sub = group->add_subcommand(action.name, action.help);
        auto* option = sub->add_option("id", opts->ids, action.many ? "Id(s)" : "Id")->required();
        if (!action.many) option->expected(1);
        if (action.method != "POST") add_ignore_not_found_flag(sub, opts->ignore_not_found);  // not for convert
        const auto c = command_of(r);
        examples(sub, action.many ? std::vector<std::string>{fmt::format("{} {} 42", c, action.name),
                                                             fmt::format("{} {} 42 43 --ignore-not-found", c, action.name)}
                                  : std::vector<std::string>{fmt::format("{} {} 42", c, action.name),
                                                             fmt::format("{} {} 42 -o json", c, action.name)});
        tree.on_run(sub, [opts, &r, &action](cli::Context& ctx) {
            cli::run_id_action(ctx, r, action, opts->ids, opts->ignore_not_found);
        });
    }
}

// crm ENTITY tag ID... --add L --remove L: every entity with a tag list (Resource::tags_path).
void add_tag_edit(Tree& tree, CLI::App* group, const api::Resource& r) {
    auto opts = tree.make<cli::TagEditOptions>();
    auto* sub = group->add_subcommand(
        "tag", fmt::format("Add or remove tags of {} by label: read each, PATCH its tags back in the shape they had",
                           r.name));
    sub->add_option("id", opts->ids, "Id(s)")->required();
    sub->add_option("--add", opts->add, "Tag label(s) to add: L[,L] (repeatable)")->allow_extra_args(false);
    sub->add_option("--remove", opts->remove, "Tag label(s) to remove: L[,L] (repeatable)")->allow_extra_args(false);
    complete_with(sub, "--add", tags_completion(r));
    complete_with(sub, "--remove", tags_completion(r));
    sub->add_flag("--create-missing", opts->create_missing,
                  fmt::format("Create --add labels the {} tag list lacks (else they are an error, exit 2)", r.singular));
    const auto c = command_of(r);
    examples(sub, {fmt::format("{} tag 42 --add hot,enterprise --remove cold", c),
                   fmt::format("{} tag 42 43 --add reviewed --create-missing", c),
                   fmt::format("{} list {} --all -o ids | xargs -r {} tag --add reviewed", c, r.example_filter, c)});
    tree.on_run(sub, [opts, &r](cli::Context& ctx) { cli::run_tag_edit(ctx, r, *opts); });
}

// crm ENTITY import FILE|- (CLI.md §11): every entity that can be created.
void add_import(Tree& tree, CLI::App* group, const api::Resource& r) {
    auto opts = tree.make<cli::ImportFlags>();
    auto* sub = group->add_subcommand(
        "import", fmt::format("Create (or with --update-by id, update) {} from CSV, NDJSON or a JSON array; journaled, "
                              "resumable", r.name));
    sub->add_option("file", opts->file, "FILE, or - for standard input (CSV as -o csv writes it: header = dotted field paths)")
        ->required();
    sub->add_option("--format", opts->format, "Input format: csv, ndjson or json (default: from the file name, else the content)")
        ->check(CLI::IsMember({"csv", "ndjson", "json"}));
    sub->add_option("--update-by", opts->update_by, "id: PATCH the rows that have an id (the others are created)")
        ->check(CLI::IsMember({"id"}));
    sub->add_option("--journal", opts->journal,
                    "Record each row's outcome in FILE; a re-run with it skips created/updated rows, retries failed ones");
    sub->add_option("--failed-out", opts->failed_out, "Write the failed and unknown rows to FILE, in the input format");
    sub->add_option("--parallel", opts->parallel, "Requests in flight at once, 1 to 16 (default 4)");
    sub->add_option("--string-fields", opts->string_fields, "CSV columns always read as strings: a,b (repeatable)")
        ->allow_extra_args(false);
    sub->add_flag("--resend-unknown", opts->resend_unknown,
                  "Send again the creates an earlier run (per --journal) sent without an answer: they may exist already");
    sub->add_flag("-y,--yes", opts->yes, "Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)");
    const auto c = command_of(r);
    examples(sub, {fmt::format("{} import {}.csv --journal import.journal --failed-out failed.csv", c, r.name),
                   fmt::format("{} list --all -o ndjson | {} import - --format ndjson --dry-run", c, c),
                   fmt::format("{} import changes.csv --update-by id --yes", c)});
    tree.on_run(sub, [opts, &r](cli::Context& ctx) { cli::run_import(ctx, r, *opts); });
}

void add_merge(Tree& tree, CLI::App* group, const api::Resource& r) {
    struct Opts {
        std::string target;
        std::vector<std::string> sources;
        bool yes = false;
    };
    auto opts = tree.make<Opts>();
    auto* sub = group->add_subcommand(
        "merge", fmt::format("Merge {} into TARGET (the sources are deleted, references move to TARGET)", r.name));
    sub->add_option("target", opts->target, "Id of the record that remains")->required();
    sub->add_option("--source", opts->sources, "Id(s) merged into the target: ID[,ID...] (repeatable)")->required();
    add_yes_flag(sub, opts->yes);
    examples(sub, {fmt::format("{} merge 1 --source 2,3", command_of(r)),
                   fmt::format("{} merge 1 --source 2 --source 3 --yes", command_of(r))});
    tree.on_run(sub, [opts, &r](cli::Context& ctx) { cli::run_merge(ctx, r, opts->target, opts->sources, opts->yes); });
}

void add_opportunity_actions(Tree& tree, CLI::App* group) {
    auto status = tree.make<api::StatusInput>();
    auto* sub = group->add_subcommand("status", "Set an opportunity's status: open, won or lost");
    sub->add_option("id", status->id, "Id")->required();
    sub->add_option("status", status->status, "open, won or lost")->required()->check(CLI::IsMember({"open", "won", "lost"}));
    sub->add_option("--reason-id", status->reason_id, "Lost reason id (status lost)");
    sub->add_option("--comment", status->comment, "Lost reason comment (status lost)");
    examples(sub, {"crm opportunities status 42 won",
                   "crm opportunities status 42 lost --reason-id too_expensive --comment 'cheaper rival'"});
    tree.on_run(sub, [status](cli::Context& ctx) { cli::run_opportunity_status(ctx, *status); });

    struct StageOpts {
        std::string id, stage;
    };
    auto stage = tree.make<StageOpts>();
    sub = group->add_subcommand("stage", "Move an opportunity to a stage (a stage key, or a label of its pipeline)");
    sub->add_option("id", stage->id, "Id")->required();
    sub->add_option("stage", stage->stage, "Stage key or label")->required();
    complete_with(sub, "stage", cli::kCompleteStages);
    examples(sub, {"crm opportunities stage 42 Negotiation", "crm opportunities stage 42 Negotiation --dry-run"});
    tree.on_run(sub, [stage](cli::Context& ctx) { cli::run_opportunity_stage(ctx, stage->id, stage->stage); });
}

}  // namespace

void add_resource_commands(Tree& tree) {
    for (const auto& r : api::resources()) {
        if (!r.parent.empty() || !tree.builds(r.name, r.aliases)) continue;
        auto* group = tree.app.add_subcommand(r.name, fmt::format("Work with {}", r.name));
        for (const auto& alias : r.aliases) group->alias(alias);
        group->require_subcommand(1);
        examples(group, group_examples(r));
        add_crud(tree, group, r);
        add_id_actions(tree, group, r);
        if (r.ops & api::kCreate) add_import(tree, group, r);
        if (!r.tags_path.empty()) add_tag_edit(tree, group, r);
        if (r.mergeable) add_merge(tree, group, r);
        if (r.has_status_and_stage) add_opportunity_actions(tree, group);
        for (const auto& c : api::resources()) {
            if (c.parent != r.name) continue;
            auto* sub = group->add_subcommand(c.name, fmt::format("Work with {} {}", r.singular, c.name));
            sub->require_subcommand(1);
            examples(sub, group_examples(c));
            add_crud(tree, sub, c);
        }
    }
}

}  // namespace crm::cmd
