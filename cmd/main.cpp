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

void print_error(cli::Context* ctx, term::Io& io, const std::string& message, const ApiError* api) {
    // JSON errors when the user asked for json/ndjson (flag, environment or profile), not
    // for the json that piped output defaults to: a person reading a pipeline's stderr wants text.
    bool as_json = false;
    if (ctx) {
        try {
            std::string chosen = ctx->settings().get("output");
            as_json = chosen == "json" || chosen == "ndjson";
        } catch (const std::exception&) {
            // the configuration itself is broken: fall back to text
        }
    }
    if (!as_json) {
        io.err() << "crm: " << message << '\n';
        return;
    }
    json::Document doc(rapidjson::kObjectType);
    auto& alloc = doc.GetAllocator();
    json::Value error(rapidjson::kObjectType);
    if (api) {
        error.AddMember("status", static_cast<int64_t>(api->status()), alloc);
        error.AddMember("method", json::str(api->method(), alloc), alloc);
        error.AddMember("path", json::str(api->path(), alloc), alloc);
        error.AddMember("message", json::str(api->server_message(), alloc), alloc);
    } else {
        error.AddMember("message", json::str(message, alloc), alloc);
    }
    doc.AddMember("error", error, alloc);
    io.err() << json::write(doc) << '\n';
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
    cli::Context ctx(io, tree->globals, config::system_getenv());
    try {
        tree->action(ctx);
        io.out().flush();
        return kExitOk;
    } catch (const ApiError& e) {
        print_error(&ctx, io, e.what(), &e);
        return e.exit_code();
    } catch (const Error& e) {
        print_error(&ctx, io, e.what(), nullptr);
        return e.exit_code();
    } catch (const std::exception& e) {
        print_error(&ctx, io, fmt::format("unexpected error: {}", e.what()), nullptr);
        return kExitUnexpected;
    }
}

// SIGINT only raises the client's interrupt flag: transfers end as Failure::aborted, so a bulk
// run flushes its journal, prints its summary and exits 130. SA_RESETHAND: a second Ctrl-C
// kills at once.
void on_sigint(int) { crm::http::request_interrupt(); }

void install_sigint_handler() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    install_sigint_handler();
    auto io = crm::term::Io::system();
    int code = run(argc, argv, *io);
    io->out().flush();
    io->err().flush();
    return code;
}
