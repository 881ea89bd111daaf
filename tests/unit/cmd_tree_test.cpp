// The command tree run() builds for a command line (cmd/tree.h build_tree_for): only the
// commands argv names, for start-up time, but each of them exactly as in the whole tree.
#include "gen/model.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

using crm::cmd::gen::Command;
using crm::cmd::gen::describe_tree_for;

namespace {

// Everything describe() reads of a command and its subcommands, as text to compare.
std::string dump(const Command& command) {
    std::string out = fmt::format("{} [{}] {} fallthrough={}\n", command.path_string(), fmt::join(command.aliases, ","),
                                  command.help, command.fallthrough);
    for (const auto& flag : command.flags)
        out += fmt::format("  {} value={} [{}] {}\n", fmt::join(flag.names, ","), flag.takes_value,
                           fmt::join(flag.values, ","), flag.help);
    for (const auto& p : command.positionals)
        out += fmt::format("  <{}> required={} many={} [{}] {}\n", p.name, p.required, p.many, fmt::join(p.values, ","),
                           p.help);
    for (const auto& sub : command.subcommands) out += dump(sub);
    return out;
}

const Command* find_sub(const Command& root, const std::string& name) {
    for (const auto& sub : root.subcommands) {
        if (sub.name() == name) return &sub;
    }
    return nullptr;
}

std::vector<std::string> names_of(const Command& root) {
    std::vector<std::string> names;
    for (const auto& sub : root.subcommands) names.push_back(sub.name());
    return names;
}

}  // namespace

TEST_CASE("the tree built for a command line holds each command it names whole", "[cmd]") {
    const Command full = describe_tree_for({});
    REQUIRE(full.subcommands.size() > 10);
    for (const auto& command : full.subcommands) {
        std::vector<std::string> spellings = command.aliases;
        spellings.push_back(command.name());
        for (const auto& word : spellings) {
            INFO("crm " << word);
            const Command part = describe_tree_for({"-o", "json", word, "list", "--all"});
            const Command* built = find_sub(part, command.name());
            REQUIRE(built);
            CHECK(dump(*built) == dump(command));
            // The global flags are all there, and no more than the command and version/help.
            CHECK(dump(Command{part.path, part.aliases, part.help, part.flags}) ==
                  dump(Command{full.path, full.aliases, full.help, full.flags}));
            if (word != "help" && word != "completion") CHECK(part.subcommands.size() <= 3);  // they show it all
        }
    }
}

TEST_CASE("the whole tree is built for help, completion, __complete and a command line naming no command", "[cmd]") {
    const auto all = names_of(describe_tree_for({}));
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"leads", "--help"},
                                               {"-h"},
                                               {"help", "leads"},
                                               {"completion", "bash"},
                                               {"__complete", "tags", "leads"},
                                               {"leds", "list"},
                                               {"--output", "csv"}}) {
        INFO(fmt::format("crm {}", fmt::join(args, " ")));
        CHECK(names_of(describe_tree_for(args)) == all);
    }
    CHECK(names_of(describe_tree_for({"tags", "list"})) == std::vector<std::string>{"tags", "version", "help"});
}
