#include "options.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

namespace crm::cmd {

void add_body_flags(CLI::App* sub, api::BodyInput& body) {
    sub->add_option("-d,--data", body.data, "JSON body: inline, @FILE, or @- for standard input");
    sub->add_option("-f,--field", body.fields, "Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)")
        ->allow_extra_args(false);
    sub->add_option("-F,--typed-field", body.typed_fields,
                    "Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)")
        ->allow_extra_args(false);
}

void add_paging_flags(CLI::App* sub, cli::Paging& paging) {
    add_integer_option(sub, "--page", paging.page, "Page number (from 1)", 1, std::numeric_limits<int>::max());
    add_integer_option(sub, "--size", paging.size, "Records per page (1-1000)", 1, api::kMaxPageSize);
    sub->add_flag("--all", paging.all, "Follow every page (streams)");
    add_integer_option(sub, "--limit", paging.limit, "Stop after N records, across pages", 1,
                       std::numeric_limits<long>::max());
    add_integer_option(sub, "--parallel", paging.parallel,
                       "Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order", 1, 16);
}

void add_yes_flag(CLI::App* sub, bool& yes) {
    sub->add_flag("-y,--yes", yes, "Do not ask for confirmation (required when not on a terminal)");
}

void add_ignore_not_found_flag(CLI::App* sub, bool& ignore) {
    sub->add_flag("--ignore-not-found", ignore, "Count an id that does not exist (404) as done");
}

}  // namespace crm::cmd
