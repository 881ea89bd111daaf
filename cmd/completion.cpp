// crm completion bash|zsh|fish, and the hidden `crm completion man --dir DIR`: scripts and man
// pages generated from this very tree (cmd/gen/), so they cannot drift from the real flags.
#include "cli/complete.h"
#include "errors.h"
#include "gen/man.h"
#include "gen/model.h"
#include "gen/table.h"
#include "help.h"
#include "tree.h"
#include "version.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace crm::cmd {

namespace {

void write_man_pages(CLI::App& root, const std::string& dir) {
    std::filesystem::create_directories(dir);
    for (const auto& page : gen::man_pages(gen::describe(root), kVersion)) {
        auto path = std::filesystem::path(dir) / page.file_name;
        std::ofstream file(path, std::ios::binary);
        file << page.text;
        if (!file.flush()) throw Error(fmt::format("cannot write {}", path.string()), kExitUnexpected);
    }
}

}  // namespace

void add_completion_commands(Tree& tree) {
    auto* group = tree.app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
    group->require_subcommand(1);
    examples(group, {"source <(crm completion bash)", "crm completion fish > ~/.config/fish/completions/crm.fish"});
    CLI::App* root = &tree.app;

    struct Shell {
        const char* name;
        const char* help;
        const char* install;  // the examples: install for good, or load in this shell
        const char* load;
        std::string (*script)(const gen::Command&);
    };
    static constexpr Shell kShells[] = {
        {"bash", "bash: source it, or install as share/bash-completion/completions/crm",
         "crm completion bash > ~/.local/share/bash-completion/completions/crm", "source <(crm completion bash)",
         gen::bash_completion},
        {"zsh", "zsh: install as _crm in a directory of $fpath", "crm completion zsh > \"${fpath[1]}/_crm\"",
         "source <(crm completion zsh)", gen::zsh_completion},
        {"fish", "fish: install as ~/.config/fish/completions/crm.fish",
         "crm completion fish > ~/.config/fish/completions/crm.fish", "crm completion fish | source",
         gen::fish_completion},
    };
    for (const auto& shell : kShells) {
        auto* sub = group->add_subcommand(shell.name, shell.help);
        examples(sub, {shell.install, shell.load});
        tree.on_run(sub, [root, &shell](cli::Context& ctx) { ctx.io().out() << shell.script(gen::describe(*root)); }, Tree::Prints::no_json);
    }

    // For scripts/regen-docs.sh, not for users: hidden from help and from the completions.
    auto dir = tree.make<std::string>();
    auto* man = group->add_subcommand("man", "Write the man pages (roff) into DIR")->group("");
    man->add_option("--dir", *dir, "Directory to write crm.1 and crm-GROUP.1 into")->required();
    tree.on_run(man, [root, dir](cli::Context&) { write_man_pages(*root, *dir); }, Tree::Prints::no_json);

    // What the scripts call for the values only crm knows (dyn: in gen/table.h). Hidden too.
    auto kind = tree.make<std::vector<std::string>>();
    auto* values = tree.app.add_subcommand("__complete", "Print completion candidates of KIND")->group("");
    values->add_option("kind", *kind, "profiles, stages, or tags ENTITY")->required();
    tree.on_run(values, [kind](cli::Context& ctx) { cli::run_complete(ctx, *kind); }, Tree::Prints::no_json);
}

}  // namespace crm::cmd
