// crm api [-X METHOD] PATH [-q k=v]... [body] [--paginate]
#include "cli/api_cmd.h"
#include "options.h"
#include "help.h"
#include "tree.h"

namespace crm::cmd {

void add_api_commands(Tree& tree) {
    auto opts = tree.make<cli::ApiOptions>();
    auto* sub = tree.app.add_subcommand("api", "Send any request to the API (path relative to the base URL)");
    sub->add_option("-X,--method", opts->method, "HTTP method (default GET, or POST with a body)")
        ->check(CLI::IsMember({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}, CLI::ignore_case));
    sub->add_option("path", opts->path, "Path such as /pipeline/leads?size=5")->required();
    sub->add_option("-q,--query", opts->query, "Query parameter KEY=VALUE (repeatable)");
    add_body_flags(sub, opts->body);
    sub->add_flag("--paginate", opts->paginate, "Follow every page and print the items as one list");
    examples(sub, {"crm api /pipeline/leads -q size=5", "crm api -X PATCH /pipeline/leads/42 -f note=hi",
                   "crm api /directory/contacts --paginate -o ndjson"});
    tree.on_run(sub, [opts](cli::Context& ctx) { cli::run_api(ctx, *opts); });
}

}  // namespace crm::cmd
