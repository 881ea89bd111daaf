// What every command run function receives: the Io, the global flags, and lazily the
// resolved settings, the HTTP client and a renderer. Commands hold no HTTP, JSON or
// formatting code of their own; they go through this.
#pragma once
#include "api/dates.h"
#include "config/settings.h"
#include "http/client.h"
#include "json/json.h"
#include "render/jq.h"
#include "render/render.h"
#include "term/io.h"
#include "term/report.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct Globals {
    config::Overrides overrides;  // profile, base_url, api_key, output, timeout, retries, rate
    std::vector<std::string> fields;
    std::string output_file;  // --output-file: stdout replaces this file when the command succeeds
    std::optional<std::string> jq;  // --jq EXPR (CLI.md §10)
    bool slurp = false;             // --slurp: --jq runs once on the whole list
    bool no_headers = false;
    bool raw = false;
    bool verbose = false;
    bool debug = false;     // --debug or CRM_DEBUG: --verbose plus bodies, timings (implies verbose)
    bool insecure = false;  // --insecure: no TLS certificate checks (refused off a terminal)
    bool quiet = false;
    bool dry_run = false;
    bool no_color = false;
};

class Context {
public:
    Context(term::Io& io, Globals globals, config::Getenv getenv);
    ~Context();

    term::Io& io() { return io_; }
    const Globals& globals() const { return globals_; }
    const config::Getenv& getenv() const { return getenv_; }

    // Resolved on first use, so --help and --version never read the config file.
    const config::Settings& settings();
    http::ClientConfig client_config();  // UsageError when no base URL is configured
    http::Client& client();

    render::Format format();  // -o, CRM_OUTPUT, profile, else table on a terminal / json; json with --jq
    std::unique_ptr<render::Renderer> renderer(const std::vector<std::string>& default_columns);

    // The --jq program, compiled on first use (nullptr without --jq). UsageError for a compile
    // error, and for -o naming a format other than json/ndjson on the command line: --jq prints
    // its own results. run() calls it before the command, so nothing is sent in those cases.
    std::shared_ptr<render::JqProgram> jq_program();

    // Sends one request and returns the parsed body (null document for an empty body).
    // --dry-run: prints the curl command and returns nullopt. Non-2xx → ApiError;
    // transport failure → NetworkError; a body that is not JSON → Error(kExitUnexpected).
    // `what` names the action for the error line: "cannot create lead".
    std::optional<json::Document> call(const http::Request& request, const std::string& what = {});

    // Turns a finished Result into a document or the matching exception (shared by call()
    // and the multi-request commands).
    json::Document check(const http::Request& request, http::Result&& result, const std::string& what = {});
    // check() in two steps, for a caller that may read the body without a DOM: accept()
    // throws as check() does for a failure or a non-2xx answer and returns the body (kept as
    // last_body()); parse_last() parses last_body() as check() does.
    const std::string& accept(const http::Request& request, http::Result&& result, const std::string& what = {});
    json::Document parse_last(const http::Request& request, const std::string& what = {});

    // Prints a dry-run line for the request (curl command on stdout).
    void print_dry_run(const http::Request& request);

    // The reads a command needs to build its writes (a stage label's key, a record's tags, the
    // ids a filter selects) are sent even under --dry-run (CLI.md §8, §12: a read is harmless,
    // and the printed write is then the one that would be sent). reader() is the client for
    // them: client() itself when sending, else a client of its own that has the key (a dry
    // run's printed commands still show $CRM_API_KEY). read() sends one GET through it and
    // checks it like call(); anything but a GET is refused (exit 1: a bug), so a dry run can
    // never write through this door.
    http::Client& reader();
    json::Document read(const http::Request& request, const std::string& what = {});

    // "Now" for relative dates (--created-after 90d): taken once, on first use, so that every
    // request of one command asks for the same window.
    api::Now now();

    // The one voice on stderr: JSON lines when json/ndjson output was chosen explicitly (flag,
    // environment or profile), not for the json that piped output defaults to.
    term::Reporter& report();

    // The body of the last response that check() accepted, exactly as received (--raw).
    const std::string& last_body() const { return last_body_; }

private:
    // --insecure: refused off a terminal unless CRM_ALLOW_INSECURE=1 (UsageError), else warned
    // about once.
    void allow_insecure();

    term::Io& io_;
    Globals globals_;
    config::Getenv getenv_;
    std::optional<config::Settings> settings_;
    std::unique_ptr<http::Client> client_;
    std::unique_ptr<http::Client> reader_;  // --dry-run only: sends reads with the key
    std::optional<api::Now> now_;
    std::string last_body_;
    int last_status_ = 0;
    std::optional<term::Reporter> report_;
    std::shared_ptr<render::JqProgram> jq_;
    bool insecure_allowed_ = false;
    std::optional<std::map<std::pair<std::string, std::string>, std::string>> stage_labels_;  // the table's
};

// An error as the reporter shows it; `id` names the record of a multi-id command.
term::Problem problem_of(const std::exception& error, const std::string& id = {});

}  // namespace crm::cli
