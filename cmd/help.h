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

class CommandHelp : public CLI::Formatter {
public:
    explicit CommandHelp(const CLI::App* owner) : owner_(owner) {}

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

    // The examples of `app` itself: a command without its own shares its parent's formatter.
    const std::vector<std::string>& examples_for(const CLI::App* app) const;
    std::string completion_for(const CLI::App* app, const std::string& name) const;

    const CLI::App* owner_;
    std::vector<std::string> examples_;
    std::map<std::string, std::string> completions_;  // "--tags" → "tags leads"
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
