#include "gen/model.h"

#include "api/resources.h"
#include "tree.h"
#include "help.h"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace crm::cmd::gen {

namespace {

// CLI11 keeps validators private but shows them in the type name: an IsMember check reads
// "TEXT:{asc,desc}". The braces are the one place the accepted values can be read back.
std::vector<std::string> checked_values(const CLI::Option& option) {
    auto type = option.get_type_name();
    auto open = type.find('{');
    auto close = type.find('}', open);
    if (open == std::string::npos || close == std::string::npos) return {};
    return CLI::detail::split(type.substr(open + 1, close - open - 1), ',');
}

// The one positional whose values the tree cannot show: an entity name, checked at run time
// against the resource table.
std::vector<std::string> positional_values(const CLI::Option& option) {
    if (option.get_name() == "entity") return api::entity_names();
    return checked_values(option);
}

Flag describe_flag(const CLI::App& app, const CLI::Option& option) {
    Flag flag{.help = option.get_description()};
    for (const auto& s : option.get_snames()) flag.names.push_back("-" + s);
    for (const auto& l : option.get_lnames()) flag.names.push_back("--" + l);
    flag.takes_value = option.get_items_expected_max() > 0;  // flags expect 0 values
    if (flag.takes_value) flag.values = checked_values(option);
    if (flag.takes_value && !flag.names.empty()) flag.completer = completion_of(app, flag.names.back());
    return flag;
}

Command describe(CLI::App& app, std::vector<std::string> path) {
    Command cmd{.path = std::move(path), .aliases = app.get_aliases(), .help = app.get_description()};
    cmd.fallthrough = app.get_fallthrough();
    cmd.examples = examples_of(app);
    for (const auto* option : app.get_options()) {
        if (option->get_group().empty()) continue;  // hidden
        if (option->get_positional()) {
            cmd.positionals.push_back({.name = option->get_name(),
                                       .help = option->get_description(),
                                       .required = option->get_required(),
                                       .many = option->get_items_expected_max() > 1,
                                       .values = positional_values(*option),
                                       .completer = completion_of(app, option->get_name())});
        } else {
            cmd.flags.push_back(describe_flag(app, *option));
        }
    }
    for (auto* sub : app.get_subcommands([](CLI::App* s) { return !s->get_name().empty() && !s->get_group().empty(); })) {
        auto sub_path = cmd.path;
        sub_path.push_back(sub->get_name());
        cmd.subcommands.push_back(describe(*sub, std::move(sub_path)));
    }
    return cmd;
}

}  // namespace

std::string Command::path_string() const { return fmt::format("{}", fmt::join(path, " ")); }

Command describe(CLI::App& app) { return describe(app, {app.get_name()}); }

Command describe_tree_for(const std::vector<std::string>& args) { return describe(build_tree_for(args)->app); }

}  // namespace crm::cmd::gen
