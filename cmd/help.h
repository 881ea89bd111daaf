// What every --help shows beyond CLI11's own (CLI.md §14): the global flags a command inherits,
// below its own, and two or three examples — command lines a person can paste. The examples
// are declared next to each command (examples()) and kept by the command's formatter, so the
// man pages (gen/model.cpp reads them back with examples_of) print the same lines. The
// formatter also keeps which values are completed by asking crm (complete_with()).
#pragma once
#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace crm::cmd {

// One command's formatter and what it declared. A command that declared nothing shares its
// parent's (CLI11 copies the formatter into each new subcommand), hence `owner`: what is kept
// here belongs to that command only.
struct CommandHelp : CLI::Formatter {
    explicit CommandHelp(const CLI::App* owner_app) : owner(owner_app) {}

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

    const CLI::App* owner;
    std::vector<std::string> examples;
    std::map<std::string, std::string> completions;  // "--tags" → "tags leads"
};

// Declares the examples of `command`: full command lines, "crm leads list --all -o csv".
void examples(CLI::App* command, std::vector<std::string> lines);

// The examples declared for `app`; empty when none were.
const std::vector<std::string>& examples_of(const CLI::App& app);

// Declares that the value of `name` — a flag ("--tags") or a positional ("stage") of `command`
// — is completed by `crm __complete KIND` (cli/complete.h): labels only the server knows.
void complete_with(CLI::App* command, const std::string& name, std::string kind);

// The KIND declared for `name` of `app`; empty when none was.
std::string completion_of(const CLI::App& app, const std::string& name);

}  // namespace crm::cmd
