#include "gen/misparse.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace crm::cmd::gen {

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours ("lsit" → "list") each cost one.
size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& known) {
    const std::string near = nearest(word, known);
    return near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near);
}

// The flags a command accepts: its own, and its parents' while it falls through to them.
std::vector<const Flag*> flags_of(const std::vector<const Command*>& chain) {
    std::vector<const Flag*> flags;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        for (const auto& flag : (*it)->flags) flags.push_back(&flag);
        if (!(*it)->fallthrough) break;
    }
    return flags;
}

const Flag* find_flag(const std::vector<const Flag*>& flags, std::string_view name) {
    for (const Flag* flag : flags)
        if (std::find(flag->names.begin(), flag->names.end(), name) != flag->names.end()) return flag;
    return nullptr;
}

const Command* find_subcommand(const Command& command, std::string_view name) {
    for (const auto& sub : command.subcommands) {
        if (sub.name() == name || std::find(sub.aliases.begin(), sub.aliases.end(), name) != sub.aliases.end())
            return &sub;
    }
    return nullptr;
}

bool is_flag(std::string_view word) { return word.size() > 1 && word[0] == '-' && word != "--"; }

// One step of the walk over a flag: the flag found (nullptr when unknown) and whether the next
// word is its value.
struct FlagStep {
    const Flag* flag = nullptr;
    std::string name;
    bool value_follows = false;
};

FlagStep step_flag(const std::vector<const Flag*>& flags, std::string_view word) {
    const size_t equals = word.find('=');
    FlagStep step{.name = std::string(word.substr(0, equals))};
    step.flag = find_flag(flags, step.name);
    if (!step.flag && !word.starts_with("--") && word.size() > 2) {  // -ojson: a short flag and its value
        step.name = std::string(word.substr(0, 2));
        step.flag = find_flag(flags, step.name);
        return step;
    }
    step.value_follows = step.flag && step.flag->takes_value && equals == std::string_view::npos;
    return step;
}

}  // namespace

std::string nearest(std::string_view word, const std::vector<std::string>& known) {
    std::string best;
    size_t best_distance = std::max<size_t>(1, std::min<size_t>(2, word.size() / 3));
    for (const auto& candidate : known) {
        const size_t d = distance(word, candidate);
        if (d < best_distance || (d == best_distance && best.empty())) {
            best = candidate;
            best_distance = d;
        }
    }
    if (!best.empty()) return best;
    for (const auto& candidate : known)  // "crm leads li" → list
        if (word.size() >= 2 && candidate.starts_with(word)) return candidate;
    return {};
}

namespace {

// Walks `args` down the tree, leaving in `chain` the commands named; the first word that is not
// understood where it stands ends the walk with its explanation.
std::optional<Misparse> walk(const std::vector<std::string>& args, std::vector<const Command*>& chain) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        const Command& here = *chain.back();
        if (word == "--") break;
        if (is_flag(word)) {
            const auto flags = flags_of(chain);
            const FlagStep step = step_flag(flags, word);
            if (!step.flag) {
                std::vector<std::string> names;
                for (const Flag* flag : flags) names.insert(names.end(), flag->names.begin(), flag->names.end());
                return Misparse{fmt::format("unknown flag '{}' for '{}'{}", step.name, here.path_string(),
                                            did_you_mean(step.name, names)),
                                here.path_string()};
            }
            if (step.value_follows && i + 1 == args.size())
                return Misparse{fmt::format("{} needs a value", step.name), here.path_string()};
            if (step.value_follows) ++i;
            continue;
        }
        if (here.subcommands.empty()) continue;  // a positional value
        if (const Command* sub = find_subcommand(here, word)) {
            chain.push_back(sub);
            continue;
        }
        if (!here.positionals.empty()) continue;
        std::vector<std::string> names;
        for (const auto& sub : here.subcommands) {
            names.push_back(sub.name());
            names.insert(names.end(), sub.aliases.begin(), sub.aliases.end());
        }
        return Misparse{fmt::format("unknown command '{}' for '{}'{}", word, here.path_string(), did_you_mean(word, names)),
                        here.path_string()};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Misparse> explain_misparse(const Command& root, const std::vector<std::string>& args) {
    std::vector<const Command*> chain{&root};
    if (auto wrong = walk(args, chain)) return wrong;
    const Command& last = *chain.back();
    if (!last.subcommands.empty() && last.positionals.empty() && chain.size() > 1) {
        std::vector<std::string> names;
        for (const auto& sub : last.subcommands) names.push_back(sub.name());
        return Misparse{fmt::format("'{}' needs a command: {}", last.path_string(), fmt::join(names, ", ")),
                        last.path_string()};
    }
    return std::nullopt;
}

std::string command_at(const Command& root, const std::vector<std::string>& args) {
    std::vector<const Command*> chain{&root};
    walk(args, chain);
    return chain.back()->path_string();
}

std::optional<Misparse> flag_as_value(const Command& root, const std::vector<std::string>& args) {
    std::vector<const Command*> chain{&root};
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--") break;
        if (!is_flag(word)) {
            if (const Command* sub = find_subcommand(*chain.back(), word)) chain.push_back(sub);
            continue;
        }
        const auto flags = flags_of(chain);
        const FlagStep step = step_flag(flags, word);
        if (!step.value_follows || i + 1 == args.size()) continue;
        const std::string& value = args[++i];
        if (value.starts_with("--") && step_flag(flags, value).flag)
            return Misparse{fmt::format("{} needs a value, got the flag {} (write {}=VALUE if you mean it)",
                                        step.name, value, step.name),
                            chain.back()->path_string()};
    }
    return std::nullopt;
}

}  // namespace crm::cmd::gen
