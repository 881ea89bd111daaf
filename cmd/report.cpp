// crm report pipeline|leads|cases (CLI.md §13): summaries with bar charts, from a live walk or
// from an export.
#include "help.h"
#include "options.h"
#include "report/queries.h"
#include "report/report.h"
#include "tree.h"

#include <fmt/format.h>

namespace crm::cmd {

void add_report_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("report", "Summaries with bar charts: the pipeline, leads, cases");
    group->require_subcommand(1);
    examples(group, {"crm report pipeline", "crm report leads --by origin --since 90d", "crm report cases --from crm.sqlite -o csv"});
    const std::map<std::string, std::vector<std::string>> lines{
        {"pipeline", {"crm report pipeline", "crm report pipeline --by owner --since 90d", "crm report pipeline --from crm.sqlite -o json"}},
        {"leads", {"crm report leads", "crm report leads --by origin --since 30d", "crm report leads --from crm.sqlite -o csv"}},
        {"cases", {"crm report cases", "crm report cases --by age", "crm report cases --by priority --from crm.sqlite"}}};
    const std::map<std::string, std::string> help{
        {"pipeline", "Open opportunities by stage (count and value), or win rate by owner, by status, by month"},
        {"leads", "Leads by rating, origin, owner or month (count and value)"},
        {"cases", "Cases opened and closed by week, open cases by age, or by status, priority, type, owner"}};
    for (const auto& name : report::report_names()) {
        auto opts = tree.make<report::ReportOptions>();
        opts->report = name;
        auto* sub = group->add_subcommand(name, help.at(name));
        examples(sub, lines.at(name));
        const auto choices = report::by_names(name);
        sub->add_option("--by", opts->by, fmt::format("Group by: {} (default {})", fmt::join(choices, ", "), choices.front()))
            ->check(CLI::IsMember(choices));
        sub->add_option("--since", opts->since, "Only records created since WHEN: ISO 8601 or relative (90d, 2w, today)")
            ->type_name("WHEN");
        sub->add_option("--from", opts->from, "Read an export (crm export --to FILE.sqlite) instead of the API")
            ->type_name("FILE");
        add_integer_option(sub, "--parallel", opts->parallel,
                           "Pages in flight at once when reading the API, 1 to 16 (default 4)", 1, 16);
        tree.on_run(sub, [opts](cli::Context& ctx) { report::run_report(ctx, *opts); });
    }
}

}  // namespace crm::cmd
