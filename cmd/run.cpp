// Parsing, running the chosen command, and mapping every failure to one line on stderr and
// the exit code of CLI.md §5: here and nowhere else.
#include "run.h"

#include "errors.h"
#include "gen/misparse.h"
#include "term/report.h"
#include "tree.h"
#include "version.h"

#include <algorithm>

#include <fmt/format.h>

namespace crm::cmd {

namespace {

// The command itself, with `io` (the terminal's, or the --output-file's).
int run_action(cmd::Tree& tree, term::Io& io) {
    cli::Context ctx(io, tree.globals, config::system_getenv());
    try {
        render::checked_fields(tree.globals.fields);  // a bad --fields is exit 2 before anything is sent
        if (tree.globals.jq && !tree.prints_json)
            throw UsageError("--jq filters the JSON a command prints, and this command prints none");
        ctx.jq_program();  // so is a --jq that does not compile, or one given with -o csv
        tree.action(ctx);
        io.commit();
        return kExitOk;
    } catch (const BrokenPipe&) {
        return kExitOk;  // the reader has all it wanted: nothing to say
    } catch (const Error& e) {
        ctx.report().error(cli::problem_of(e));
        return e.exit_code();
    } catch (const std::exception& e) {
        auto problem = cli::problem_of(e);
        problem.message = fmt::format("unexpected error: {}", e.what());
        ctx.report().error(problem);
        return kExitUnexpected;
    }
}

int usage_error(term::Io& io, const std::string& message, const std::string& help_of) {
    io.err() << fmt::format("crm: {} (see '{} --help')\n", term::escape_controls(message), help_of);
    return kExitUsage;
}

}  // namespace

int run(int argc, char** argv, term::Io& io) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    // What CLI11's version flag prints, without building the tree (start-up time).
    if (args.size() == 1 && args.front() == "--version") {
        io.out() << fmt::format("crm {}\n", kVersion);
        return kExitOk;
    }
    auto tree = cmd::build_tree_for(args);
    // Two flags in a row is rare; only then is the tree read as data to see whether the first
    // would swallow the second ("--fields --dry-run" must not run for real).
    const auto two_flags = std::adjacent_find(args.begin(), args.end(), [](const auto& a, const auto& b) {
        return a.starts_with("--") && b.starts_with("--") && a != "--";
    });
    if (two_flags != args.end()) {
        if (auto wrong = gen::flag_as_value(gen::describe(tree->app), args))
            return usage_error(io, wrong->message, wrong->command);
    }
    try {
        tree->app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::CallForAllHelp& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::CallForVersion& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::ParseError& e) {
        const auto root = gen::describe(tree->app);
        if (auto wrong = gen::explain_misparse(root, args)) return usage_error(io, wrong->message, wrong->command);
        return usage_error(io, e.what(), gen::command_at(root, args));
    }
    if (!tree->action) {
        io.out() << tree->app.help();
        return kExitOk;
    }
    if (tree->globals.output_file.empty()) return run_action(*tree, io);
    std::unique_ptr<term::Io> file;
    try {
        file = term::Io::to_file(io, tree->globals.output_file);
    } catch (const Error& e) {
        term::Reporter(io.err()).error(cli::problem_of(e));
        return e.exit_code();
    }
    return run_action(*tree, *file);
}

}  // namespace crm::cmd
