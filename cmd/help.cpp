#include "help.h"

#include <sstream>

namespace crm::cmd {

namespace {

const std::vector<std::string> kNoExamples;

// The flags `app` inherits: its parents' (minus their --help and --version) while it falls
// through to them, as the parser accepts them.
std::vector<const CLI::Option*> inherited_flags(const CLI::App* app) {
    std::vector<const CLI::Option*> flags;
    for (const CLI::App* child = app; child->get_fallthrough() && child->get_parent(); child = child->get_parent()) {
        const CLI::App* parent = child->get_parent();
        for (const auto* option : parent->get_options([parent](const CLI::Option* o) {
                 return !o->get_group().empty() && o->nonpositional() && o != parent->get_help_ptr() &&
                        o != parent->get_version_ptr();
             }))
            flags.push_back(option);
    }
    return flags;
}

}  // namespace

std::string CommandHelp::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    std::ostringstream out;
    out << make_description(app) << make_usage(app, name) << make_positionals(app) << make_groups(app, mode);
    if (auto global = inherited_flags(app); !global.empty()) out << make_group("Global flags", false, global);
    out << make_subcommands(app, mode);
    if (const auto& lines = examples_for(app); !lines.empty()) {
        out << "\nExamples:\n";
        for (const auto& line : lines) out << "  " << line << "\n";
    }
    out << make_footer(app);
    return out.str();
}

const std::vector<std::string>& CommandHelp::examples_for(const CLI::App* app) const {
    return app == owner_ ? examples_ : kNoExamples;
}

std::string CommandHelp::completion_for(const CLI::App* app, const std::string& name) const {
    auto it = completions_.find(name);
    return app == owner_ && it != completions_.end() ? it->second : std::string();
}

namespace {

// The command's own formatter, made when it still shares its parent's.
CommandHelp& own_help(CLI::App* command) {
    auto help = std::dynamic_pointer_cast<CommandHelp>(command->get_formatter());
    if (!help || help->owner_ != command) {
        help = std::make_shared<CommandHelp>(command);
        command->formatter(help);
    }
    return *help;
}

}  // namespace

void examples(CLI::App* command, std::vector<std::string> lines) { own_help(command).examples_ = std::move(lines); }

const std::vector<std::string>& examples_of(const CLI::App& app) {
    auto help = std::dynamic_pointer_cast<CommandHelp>(app.get_formatter());
    return help ? help->examples_for(&app) : kNoExamples;
}

void complete_with(CLI::App* command, const std::string& name, std::string kind) {
    own_help(command).completions_[name] = std::move(kind);
}

std::string completion_of(const CLI::App& app, const std::string& name) {
    auto help = std::dynamic_pointer_cast<CommandHelp>(app.get_formatter());
    return help ? help->completion_for(&app, name) : std::string();
}

}  // namespace crm::cmd
