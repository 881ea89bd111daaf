#include "gen/table.h"

namespace crm::cmd::gen {

namespace {

// Descriptions are shown on one line.
std::string line(std::string text) {
    for (auto& c : text) {
        if (c == '\n' || c == '\t') c = ' ';
    }
    return text;
}

std::string candidate(const std::string& word, const std::string& help) { return word + '\t' + line(help); }

void add(const Command& cmd, std::vector<Entry>& table) {
    const auto path = cmd.path_string();
    if (cmd.fallthrough && cmd.path.size() > 1) table.push_back({"ft:" + path, "1"});

    std::string subs;
    for (const auto& sub : cmd.subcommands) {
        table.push_back({"sub:" + path + ":" + sub.name(), sub.name()});
        subs += candidate(sub.name(), sub.help) + '\n';
        for (const auto& alias : sub.aliases) {
            table.push_back({"sub:" + path + ":" + alias, sub.name()});
            subs += candidate(alias, sub.help) + '\n';
        }
    }
    if (!subs.empty()) table.push_back({"subs:" + path, subs});

    std::string flags;
    for (const auto& flag : cmd.flags) {
        for (const auto& name : flag.names) {
            flags += candidate(name, flag.help) + '\n';
            if (!flag.takes_value) continue;
            std::string values;
            for (const auto& v : flag.values) values += v + '\n';
            table.push_back({"val:" + path + ":" + name, values});
            if (!flag.completer.empty()) table.push_back({"dyn:" + path + ":" + name, flag.completer});
        }
    }
    if (!flags.empty()) table.push_back({"flags:" + path, flags});

    for (std::size_t i = 0; i < cmd.positionals.size(); ++i) {
        std::string values;
        for (const auto& v : cmd.positionals[i].values) values += v + '\n';
        if (!values.empty()) table.push_back({"pos:" + path + ":" + std::to_string(i), values});
        if (!cmd.positionals[i].completer.empty())
            table.push_back({"dyn:" + path + ":" + std::to_string(i), cmd.positionals[i].completer});
    }

    for (const auto& sub : cmd.subcommands) add(sub, table);
}

}  // namespace

std::vector<Entry> completion_table(const Command& root) {
    std::vector<Entry> table;
    add(root, table);
    return table;
}

}  // namespace crm::cmd::gen
