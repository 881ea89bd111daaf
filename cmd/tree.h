// The command tree: CLI11 parses argv into option structs; the selected command leaves its
// action here and main() runs it with a Context. Each group file adds its subcommands.
#pragma once
#include "cli/context.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace crm::cmd {

struct Tree {
    CLI::App app;
    cli::Globals globals;
    std::function<void(cli::Context&)> action;
    // Whether the chosen command prints JSON that --jq could filter: a --jq given to one that
    // prints none is refused rather than ignored.
    enum class Prints { json, no_json };
    bool prints_json = true;

    // Makes `run` the action when `sub` is the command the user chose.
    void on_run(CLI::App* sub, std::function<void(cli::Context&)> run, Prints prints = Prints::json) {
        sub->callback([this, run = std::move(run), prints] {
            action = run;
            prints_json = prints == Prints::json;
        });
    }

    // The top-level commands to build, by the names argv may use; empty: all of them. A command
    // line naming a command builds only that part of the tree (start-up time: CLI11 builds
    // every option it is given); see build_tree.
    std::set<std::string> only;
    bool builds(const std::string& name, const std::vector<std::string>& aliases = {}) const {
        if (only.empty() || only.count(name)) return true;
        return std::any_of(aliases.begin(), aliases.end(), [this](const auto& alias) { return only.count(alias) > 0; });
    }

    // Option structs live as long as the tree: bind CLI11 options to members of this.
    template <class T>
    std::shared_ptr<T> make() {
        auto p = std::make_shared<T>();
        keep_.push_back(p);
        return p;
    }

private:
    std::vector<std::shared_ptr<void>> keep_;
};

// One per group file (cmd/<group>.cpp).
void add_resource_commands(Tree& tree);  // leads, opportunities, contacts, orgs, cases
void add_tags_commands(Tree& tree);
void add_forms_commands(Tree& tree);
void add_bulk_commands(Tree& tree);
void add_api_commands(Tree& tree);
void add_auth_commands(Tree& tree);
void add_config_commands(Tree& tree);
void add_completion_commands(Tree& tree);
void add_export_commands(Tree& tree);
void add_report_commands(Tree& tree);  // report.cpp

// Builds the whole tree with the global flags (used by main, completions and man pages).
std::unique_ptr<Tree> build_tree();

// The tree run() needs for `args` (argv without argv[0]): the global flags, `version`, `help`
// and the top-level commands the words of args name. The whole tree when they name none, and
// for help, --help and completion, which show it.
std::unique_ptr<Tree> build_tree_for(const std::vector<std::string>& args);

}  // namespace crm::cmd
