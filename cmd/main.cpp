// crm: the library plus main(). Parses, runs the chosen command, and maps every failure to
// one line on stderr and the exit code of CLI.md §5, here and nowhere else.
#include "errors.h"
#include "http/interrupt.h"
#include "tree.h"

#include <fmt/format.h>

#include <csignal>
#include <iostream>

namespace {

using namespace crm;

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

// SIGINT and SIGTERM (timeout(1), systemctl stop, a CI cancel) only raise the client's
// interrupt flag: transfers end as Failure::aborted, so a bulk run flushes its journal, prints
// its summary and exits 130 or 143. SA_RESETHAND: a second signal kills at once.
void on_stop_signal(int signal) { crm::http::request_interrupt(signal); }

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    // A reader that goes away is an EPIPE from write(), handled as the end of the output
    // (check_output), whatever the parent did with SIGPIPE (systemd ignores it, shells do not).
    std::signal(SIGPIPE, SIG_IGN);
    install_stop_handlers();
    auto io = crm::term::Io::system();
    int code = run(argc, argv, *io);
    io->out().flush();
    io->err().flush();
    return code;
}
