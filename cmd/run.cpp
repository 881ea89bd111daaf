// Parsing, running the chosen command, and mapping every failure to one line on stderr and
// the exit code of CLI.md §5: here and nowhere else.
#include "run.h"

#include "errors.h"
#include "tree.h"

#include <fmt/format.h>

namespace crm::cmd {

namespace {

// The command itself, with `io` (the terminal's, or the --output-file's).
int run_action(cmd::Tree& tree, term::Io& io) {
    cli::Context ctx(io, tree.globals, config::system_getenv());
    try {
        render::checked_fields(tree.globals.fields);  // a bad --fields is exit 2 before anything is sent
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

}  // namespace

int run(int argc, char** argv, term::Io& io) {
    auto tree = cmd::build_tree();
    try {
        tree->app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::CallForAllHelp& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::CallForVersion& e) {
        return tree->app.exit(e, io.out(), io.err());
    } catch (const CLI::ParseError& e) {
        io.err() << "crm: " << e.what() << " (see --help)\n";
        return kExitUsage;
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
