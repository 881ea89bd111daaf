// What every --help shows beyond CLI11's own (CLI.md §14): the global flags a command inherits,
// below its own, and two or three examples — command lines a person can paste. The examples
// are declared next to each command (examples()) and kept by the command's formatter, so the
// man pages (gen/model.cpp reads them back with examples_of) print the same lines.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace crm::cmd {

class CommandHelp : public CLI::Formatter {
public:
    CommandHelp(const CLI::App* owner, std::vector<std::string> examples)
        : owner_(owner), examples_(std::move(examples)) {}

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

    // The examples of `app` itself: a command without its own shares its parent's formatter.
    const std::vector<std::string>& examples_for(const CLI::App* app) const;

private:
    const CLI::App* owner_;
    std::vector<std::string> examples_;
};

// Declares the examples of `command`: full command lines, "crm leads list --all -o csv".
void examples(CLI::App* command, std::vector<std::string> lines);

// The examples declared for `app`; empty when none were.
const std::vector<std::string>& examples_of(const CLI::App& app);

}  // namespace crm::cmd
