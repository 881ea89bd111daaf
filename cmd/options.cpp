#include "options.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace crm::cmd {

void add_body_flags(CLI::App* sub, api::BodyInput& body) {
    sub->add_option("-d,--data", body.data, "JSON body: inline, @FILE, or @- for standard input");
    sub->add_option("-f,--field", body.fields, "Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)")
        ->allow_extra_args(false);
    sub->add_option("-F,--typed-field", body.typed_fields,
                    "Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)")
        ->allow_extra_args(false);
}

CLI::Validator whole_number(long long low, long long high) {
    return CLI::Validator(
        [low, high](std::string& text) -> std::string {
            long long n = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (error == std::errc() && end == text.data() + text.size() && n >= low && n <= high) return {};
            return high == std::numeric_limits<long long>::max() || high == std::numeric_limits<int>::max()
                       ? fmt::format("must be a whole number of at least {}, got '{}'", low, text)
                       : fmt::format("must be a whole number from {} to {}, got '{}'", low, high, text);
        },
        "", "");
}

void add_paging_flags(CLI::App* sub, cli::Paging& paging) {
    sub->add_option("--page", paging.page, "Page number (from 1)")->check(whole_number(1, std::numeric_limits<int>::max()));
    sub->add_option("--size", paging.size, "Records per page (1-1000)")->check(whole_number(1, api::kMaxPageSize));
    sub->add_flag("--all", paging.all, "Follow every page (streams)");
    sub->add_option("--limit", paging.limit, "Stop after N records, across pages")
        ->check(whole_number(1, std::numeric_limits<long long>::max()));
    sub->add_option("--parallel", paging.parallel,
                    "Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order")
        ->check(whole_number(1, 16));
}

void add_yes_flag(CLI::App* sub, bool& yes) {
    sub->add_flag("-y,--yes", yes, "Do not ask for confirmation (required when not on a terminal)");
}

void add_ignore_not_found_flag(CLI::App* sub, bool& ignore) {
    sub->add_flag("--ignore-not-found", ignore, "Count an id that does not exist (404) as done");
}

}  // namespace crm::cmd
