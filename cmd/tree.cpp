#include "tree.h"

#include "api/resources.h"
#include "errors.h"
#include "gen/misparse.h"
#include "cli/complete.h"
#include "help.h"
#include "render/render.h"
#include "version.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace crm::cmd {

namespace {

// Global flags (CLI.md §4, §6, §8), accepted before or after the command.
void add_global_flags(Tree& tree) {
    auto& app = tree.app;
    auto& g = tree.globals;
    auto setting = [&](const std::string& flags, const std::string& key, const std::string& help) {
        // The last one wins, so an alias (alias crm='crm -o json') can be overridden.
        return app.add_option_function<std::string>(
                      flags, [&g, key](const std::string& value) { g.overrides[key] = value; }, help)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    };
    setting("-o,--output", "output", fmt::format("Output format: {}", fmt::join(render::format_names(), ", ")))
        ->check(CLI::IsMember(render::format_names()));
    setting("--profile", "profile", "Config profile to use (env CRM_PROFILE)")->type_name("NAME");
    complete_with(&app, "--profile", cli::kCompleteProfiles);
    setting("--base-url", "base_url", "API base URL (env CRM_BASE_URL)")->type_name("URL");
    setting("--api-key", "api_key", "API key (prefer CRM_API_KEY, crm auth login or api_key_command)")->type_name("KEY");
    // Numbers are checked with the settings (config/keys.cpp), whatever their source, so a flag,
    // CRM_TIMEOUT and a profile's timeout get the same ranges and the same kind of message.
    setting("--timeout", "timeout", "Seconds before a request times out (default 30)")->type_name("SECONDS");
    setting("--retries", "retries", "Retries of failed idempotent requests (default 3)")->type_name("N");
    setting("--rate", "rate", "At most N requests per second")->type_name("N");
    setting("--cacert", "cacert",
            "CA bundle (PEM) to check the server's certificate with, instead of the system's: a private CA or a "
            "TLS-inspecting proxy (env CRM_CA_BUNDLE, then SSL_CERT_FILE)")
        ->type_name("FILE");
    // Split at commas by render::checked_fields: CLI11's delimiter drops empty items ("id,,title").
    app.add_option("--fields", g.fields, "Fields to show, in order: a,b.c")->allow_extra_args(false);
    app.add_option("--output-file", g.output_file,
                   "Write the output to FILE, replacing it only when the command succeeds")
        ->type_name("FILE");
    // CLI.md §10. --jq replaces the format: -o other than json/ndjson with it is a usage error
    // (Context::jq_program), checked with the expression before anything is sent.
    auto* jq = app.add_option("--jq", g.jq,
                              "Filter JSON output with a jq expression, per record as it streams; strings print "
                              "raw, other results as compact JSON (-o may only be json or ndjson)")
                  ->type_name("EXPR")
                  ->allow_extra_args(false);
    app.add_flag("--slurp", g.slurp, "With --jq: run EXPR once on the array of all the records")
        ->needs(jq);
    app.add_flag("--no-headers", g.no_headers, "No header row in table, csv and tsv");
    app.add_flag("--raw", g.raw, "Print response bodies exactly as received")->excludes(jq);
    app.add_flag("-v,--verbose", g.verbose, "Print requests, responses and retries on stderr (key redacted)");
    app.add_flag("--debug", g.debug,
                 "As --verbose, plus request and response bodies (first 4 KB), the time of each phase and why each "
                 "retry waits (also CRM_DEBUG=1)");
    app.add_flag("--insecure", g.insecure,
                 "Do not check TLS certificates (dangerous; off a terminal only with CRM_ALLOW_INSECURE=1)");
    app.add_flag("-q,--quiet", g.quiet, "Print only results and errors");
    app.add_flag("--dry-run", g.dry_run, "Print each write as a curl command and send none (the reads it needs are sent)");
    app.add_flag("--no-color", g.no_color, "No colour (also NO_COLOR)");
}

// `crm version` and `crm help [COMMAND...]`: the spellings people try before the flags.
void add_help_commands(Tree& tree) {
    auto* version = tree.app.add_subcommand("version", "Print crm's version (as --version)");
    examples(version, {"crm version", "crm --version"});
    tree.on_run(version, [](cli::Context& ctx) { ctx.io().out() << fmt::format("crm {}\n", kVersion); }, Tree::Prints::no_json);

    auto words = tree.make<std::vector<std::string>>();
    auto* help = tree.app.add_subcommand("help", "Show the help of a command (as COMMAND --help): crm help leads list");
    help->add_option("command", *words, "The command, as typed after crm");
    examples(help, {"crm help leads list", "crm help bulk delete"});
    CLI::App* root = &tree.app;
    tree.on_run(help, [root, words](cli::Context& ctx) {
        CLI::App* app = root;
        std::string parents;  // how CLI11 names the command in "Usage:", as --help does
        for (const auto& word : *words) {
            auto subs = app->get_subcommands([&word](CLI::App* sub) { return sub->check_name(word); });
            if (subs.empty()) {
                auto wrong = gen::explain_misparse(gen::describe(*root), *words);
                throw UsageError(wrong ? wrong->message : fmt::format("no command '{} {}'", app->get_name(), word));
            }
            parents += (parents.empty() ? "" : " ") + app->get_name();
            app = subs.front();
        }
        // The formatter itself: App::help() would show the help of the parsed `help` command.
        const std::string name = parents.empty() ? app->get_name() : parents + " " + app->get_name();
        ctx.io().out() << app->get_formatter()->make_help(app, name, CLI::AppFormatMode::Normal);
    }, Tree::Prints::no_json);
}

}  // namespace

namespace {

// The top-level commands of the group files other than resources.cpp (whose names come from
// the resource table), as each file names its command.
struct Group {
    const char* name;
    void (*add)(Tree&);
};
constexpr Group kGroups[] = {
    {"tags", add_tags_commands}, {"forms", add_forms_commands},   {"bulk", add_bulk_commands},
    {"api", add_api_commands},   {"export", add_export_commands}, {"report", add_report_commands},
    {"auth", add_auth_commands}, {"config", add_config_commands}, {"completion", add_completion_commands},
};

std::unique_ptr<Tree> build(std::set<std::string> only) {
    auto tree = std::make_unique<Tree>();
    tree->only = std::move(only);
    auto& app = tree->app;
    app.name("crm");
    // Before any subcommand: each inherits this formatter (global flags below its own).
    examples(&app, {"crm leads list --title cloud", "crm opps get 42 -o json", "crm help leads list"});
    app.description("crm: the command line for CRM as a Service (leads, opportunities, contacts, organizations, cases)");
    app.set_version_flag("--version", fmt::format("crm {}", kVersion));
    app.fallthrough();  // global flags work after the command too: crm leads list -o csv
    app.require_subcommand(0, 1);
    add_global_flags(*tree);
    add_resource_commands(*tree);  // each resource checks tree.builds()
    for (const auto& group : kGroups) {
        if (tree->builds(group.name)) group.add(*tree);
    }
    add_help_commands(*tree);
    return tree;
}

}  // namespace

std::unique_ptr<Tree> build_tree() { return build({}); }

std::unique_ptr<Tree> build_tree_for(const std::vector<std::string>& args) {
    std::set<std::string> words;
    for (const auto& arg : args) {
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "help" || arg == "completion" ||
            arg == "__complete")
            return build({});
        if (!arg.starts_with("-")) words.insert(arg);
    }
    auto named = [&words](const std::string& name) { return words.count(name) > 0; };
    bool any = named("version") ||
               std::any_of(std::begin(kGroups), std::end(kGroups), [&](const Group& g) { return named(g.name); });
    for (const auto& r : api::resources()) {
        any = any || (r.parent.empty() && (named(r.name) || std::any_of(r.aliases.begin(), r.aliases.end(), named)));
    }
    // Nothing named (no command, a typo): the whole tree, for the root's help and suggestions.
    return build(any ? std::move(words) : std::set<std::string>{});
}

}  // namespace crm::cmd
