// crm export (CLI.md §13): the CRM's data into a SQLite database or CSV files, for BI tools.
#include "export/export.h"
#include "help.h"
#include "options.h"
#include "tree.h"

namespace crm::cmd {

void add_export_commands(Tree& tree) {
    auto opts = tree.make<exporting::ExportOptions>();
    auto* sub = tree.app.add_subcommand(
        "export", "Export every record into a SQLite database or CSV files (a star schema for BI tools and SQL)");
    sub->add_option("--to", opts->to, "FILE.sqlite, or a DIR for --format csv; replaced only when the export succeeded")
        ->type_name("FILE|DIR")
        ->required();
    sub->add_option("--format", opts->format, "sqlite or csv (default: csv when --to is a directory, else sqlite)")
        ->check(CLI::IsMember({"sqlite", "csv"}));
    sub->add_flag("--excel", opts->excel, "CSV for Excel: a UTF-8 byte-order mark and CRLF line ends");
    sub->add_option("--entities", opts->entities,
                    "Entities to export: leads,opportunities,contacts,organizations,cases (default: all)")
        ->type_name("LIST");
    auto* since = sub->add_option("--since", opts->since,
                                  "Only records updated since WHEN: ISO 8601 or relative (90d, 2w, 12h, today)")
                      ->type_name("WHEN");
    sub->add_flag("--incremental", opts->incremental,
                  "Refresh the last export: only records updated since its watermarks (newest first)")
        ->excludes(since);
    add_integer_option(sub, "--full-every", opts->full_every,
                       "With --incremental: every N runs, walk every id to remove deleted records (default 7)", 1,
                       1000000);
    add_integer_option(sub, "--parallel", opts->parallel, "Pages in flight at once, 1 to 16 (default 4)", 1, 16);
    examples(sub, {"crm export --to crm.sqlite", "crm export --to crm.sqlite --incremental",
                   "crm export --to exports/ --format csv --excel"});
    tree.on_run(sub, [opts](cli::Context& ctx) { exporting::run_export(ctx, *opts); }, Tree::Prints::no_json);
}

}  // namespace crm::cmd
