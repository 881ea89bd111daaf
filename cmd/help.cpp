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
    if (const auto& lines = examples_of(*app); !lines.empty()) {
        out << "\nExamples:\n";
        for (const auto& line : lines) out << "  " << line << "\n";
    }
    out << make_footer(app);
    return out.str();
}

namespace {

// What `app` itself declared, nullptr when nothing.
const CommandHelp* declared(const CLI::App& app) {
    auto* help = dynamic_cast<const CommandHelp*>(app.get_formatter().get());
    return help && help->owner == &app ? help : nullptr;
}

// The command's own formatter, made when it still shares its parent's.
CommandHelp& own_help(CLI::App* command) {
    auto help = std::dynamic_pointer_cast<CommandHelp>(command->get_formatter());
    if (!help || help->owner != command) {
        help = std::make_shared<CommandHelp>(command);
        command->formatter(help);
    }
    return *help;
}

}  // namespace

void examples(CLI::App* command, std::vector<std::string> lines) { own_help(command).examples = std::move(lines); }

const std::vector<std::string>& examples_of(const CLI::App& app) {
    const auto* help = declared(app);
    return help ? help->examples : kNoExamples;
}

void complete_with(CLI::App* command, const std::string& name, std::string kind) {
    own_help(command).completions[name] = std::move(kind);
}

std::string completion_of(const CLI::App& app, const std::string& name) {
    const auto* help = declared(app);
    if (!help) return {};
    auto it = help->completions.find(name);
    return it == help->completions.end() ? std::string() : it->second;
}

}  // namespace crm::cmd
