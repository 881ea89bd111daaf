// The command tree as plain data, read once from the CLI11 App: what the completion scripts
// and man pages are generated from, so they always match the flags the parser accepts.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace crm::cmd::gen {

struct Flag {
    std::vector<std::string> names;   // "-o", "--output": short names first
    std::string help;
    bool takes_value = false;
    std::vector<std::string> values;  // the only values accepted, when the option checks them
    std::string completer;            // else, when crm knows them: `crm __complete <completer>`
};

struct Positional {
    std::string name;
    std::string help;
    bool required = false;
    bool many = false;
    std::vector<std::string> values;
    std::string completer;
};

struct Command {
    std::vector<std::string> path;  // {"crm", "leads", "list"}
    std::vector<std::string> aliases;
    std::string help;
    std::vector<Flag> flags;  // its own flags only; see fallthrough
    std::vector<Positional> positionals;
    std::vector<std::string> examples;  // command lines, as --help shows them (cmd/help.h)
    std::vector<Command> subcommands;  // the visible ones (hidden: group "")
    bool fallthrough = false;          // also accepts the flags of its parent

    const std::string& name() const { return path.back(); }
    std::string path_string() const;  // "crm leads list"
};

// Walks `app` and everything below it. Non-const: CLI11 has no const subcommand walk.
Command describe(CLI::App& app);

// The tree run() builds for `args` (argv without argv[0]; cmd/tree.h build_tree_for), as data:
// for the tests that the part built for a command is that command whole.
Command describe_tree_for(const std::vector<std::string>& args);

}  // namespace crm::cmd::gen
