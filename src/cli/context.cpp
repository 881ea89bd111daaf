#include "cli/context.h"

#include "cli/editing.h"
#include "errors.h"
#include "http/interrupt.h"
#include "http/retry.h"
#include "http/wire.h"
#include "version.h"

#include <fmt/format.h>

namespace crm::cli {

Context::Context(term::Io& io, Globals globals, config::Getenv getenv)
    : io_(io), globals_(std::move(globals)), getenv_(std::move(getenv)) {
    if (globals_.no_color) io_.disable_color();
    // CRM_DEBUG=1 as --debug; empty or 0 leaves it off, so `CRM_DEBUG= crm …` turns it off.
    if (auto debug = getenv_("CRM_DEBUG"); debug && !debug->empty() && *debug != "0") globals_.debug = true;
    if (globals_.debug) globals_.verbose = true;
}

Context::~Context() = default;

const config::Settings& Context::settings() {
    if (!settings_) settings_ = config::resolve(globals_.overrides, getenv_);
    return *settings_;
}

http::ClientConfig Context::client_config() {
    const auto& s = settings().typed;
    if (s.base_url.empty()) {
        throw UsageError("no base URL: set CRM_BASE_URL, use --base-url, or run: crm auth login --base-url URL");
    }
    http::ClientConfig c;
    c.base_url = s.base_url;
    c.auth = s.auth;
    c.timeout_s = s.timeout_s;
    c.retries = s.retries;
    c.rate = s.rate;
    c.user_agent = fmt::format("crm/{}", kVersion);
    c.ca_file = s.ca_file;
    if (globals_.insecure) allow_insecure();
    c.insecure = globals_.insecure;
    if (globals_.verbose) {
        c.log = [this](std::string_view line) { report().trace(line); };
        c.debug = globals_.debug;
    }
    if (!globals_.dry_run) c.api_key = settings().api_key();  // may run api_key_command: only when sending
    return c;
}

void Context::allow_insecure() {
    if (insecure_allowed_) return;
    // Off a terminal nobody reads the warning: a script must opt in on purpose.
    if (!io_.stderr_tty() && getenv_("CRM_ALLOW_INSECURE") != "1") {
        throw UsageError("--insecure turns off TLS certificate checks; off a terminal it also needs "
                         "CRM_ALLOW_INSECURE=1 (better: --cacert FILE with the certificate of your CA)");
    }
    report().warning("--insecure: TLS certificates are not checked; anyone on the network path can read and "
                     "change this traffic, API key included (use --cacert FILE instead)");
    insecure_allowed_ = true;
}

http::Client& Context::client() {
    if (!client_) {
        auto config = client_config();
        if (config.api_key.empty()) {
            throw Error("no API key: set CRM_API_KEY, run 'crm auth login', or set api_key_command in the profile",
                        kExitAuth);
        }
        client_ = http::make_client(std::move(config));
    }
    return *client_;
}

render::Format Context::format() {
    if (globals_.jq) return render::Format::json;  // what --jq reads and prints
    const auto& chosen = settings().typed.output;
    return chosen.value_or(io_.stdout_tty() ? render::Format::table : render::Format::json);
}

std::unique_ptr<render::Renderer> Context::renderer(const std::vector<std::string>& default_columns) {
    render::Options options;
    options.fields = globals_.fields;
    options.default_columns = default_columns;
    options.headers = !globals_.no_headers;
    options.pretty = io_.stdout_tty();
    options.color = io_.traits().color_out;
    options.width = io_.width();
    if (format() == render::Format::table) {
        // Read on the first opportunity the table shows, once for the command.
        options.stage_label = [this](const std::string& pipeline_id, const std::string& key) -> std::optional<std::string> {
            if (!stage_labels_) stage_labels_ = read_stage_labels(*this);
            auto it = stage_labels_->find({pipeline_id, key});
            return it == stage_labels_->end() ? std::nullopt : std::optional(it->second);
        };
    }
    options.warn = [this](std::string_view message) { report().warning(message); };
    options.jq = jq_program();
    options.slurp = globals_.slurp;
    return render::make_renderer(format(), std::move(options), io_.out(), io_.err());
}

std::shared_ptr<render::JqProgram> Context::jq_program() {
    if (!globals_.jq || jq_) return jq_;
    // A format given on this command line contradicts --jq; one from CRM_OUTPUT or the profile
    // is a default that --jq overrides, as it does the table a terminal gets.
    auto output = globals_.overrides.find("output");
    if (output != globals_.overrides.end() && output->second != "json" && output->second != "ndjson") {
        throw UsageError(fmt::format("--jq prints its own results (strings raw, the rest as JSON): it cannot be "
                                     "combined with -o {} (leave -o out, or use -o json)",
                                     output->second));
    }
    // `debug` output and halt_error(0)'s message: what jq would print on stderr.
    jq_ = std::make_shared<render::JqProgram>(*globals_.jq, [this](std::string_view message) { report().note(message); });
    return jq_;
}

term::Reporter& Context::report() {
    if (!report_) {
        bool json = false;
        try {
            const auto& chosen = settings().typed.output;
            json = chosen == render::Format::json || chosen == render::Format::ndjson;
        } catch (const std::exception&) {
            // the configuration itself is broken: that error is said in text
        }
        report_.emplace(io_.err(), json);
    }
    return *report_;
}

term::Problem problem_of(const std::exception& error, const std::string& id) {
    term::Problem p{.message = error.what(), .id = id, .exit = kExitUnexpected};
    if (const auto* e = dynamic_cast<const Error*>(&error)) p.exit = e->exit_code();
    if (const auto* jq = dynamic_cast<const render::JqRuntimeError*>(&error); jq && id.empty()) p.id = jq->id();
    if (const auto* api = dynamic_cast<const ApiError*>(&error)) {
        p.status = api->status();
        p.method = api->method();
        p.path = api->path();
        p.detail = api->server_message();
    }
    return p;
}

void Context::print_dry_run(const http::Request& request) {
    io_.out() << http::as_curl(http::prepare(client_config(), request)) << '\n';
}

http::Client& Context::reader() {
    if (!globals_.dry_run) return client();
    if (!reader_) {
        auto config = client_config();
        config.api_key = settings().api_key();
        if (config.api_key.empty()) {
            throw Error("no API key for the reads a dry run needs: set CRM_API_KEY, run 'crm auth login', or set "
                        "api_key_command in the profile",
                        kExitAuth);
        }
        reader_ = http::make_client(std::move(config));
    }
    return *reader_;
}

json::Document Context::read(const http::Request& request, const std::string& what) {
    if (request.method != "GET") {
        throw Error(fmt::format("internal error: {} {} sent as a read", request.method, request.path), kExitUnexpected);
    }
    return check(request, reader().send(request), what);
}

api::Now Context::now() {
    if (!now_) now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return *now_;
}

namespace {

// A write that may have reached the server before the connection failed: retrying blindly
// could do it twice (CLI.md §5).
std::string maybe_done_note(const http::Request& request, const http::Result& result, const std::string& what) {
    if (http::is_idempotent(request) || !result.request_sent || result.failure == http::Failure::connect) return {};
    return what.starts_with("cannot create") ? "; the server may have created it; check before retrying"
                                             : "; the server may have carried it out; check before retrying";
}

// A certificate that does not verify is most often a private CA or a TLS-inspecting proxy.
std::string tls_hint(const http::Result& result) {
    if (result.failure != http::Failure::tls) return {};
    return " (a private CA or a TLS-inspecting proxy? give its certificate with --cacert FILE or CRM_CA_BUNDLE)";
}

}  // namespace

const std::string& Context::accept(const http::Request& request, http::Result&& result, const std::string& what) {
    const std::string prefix = what.empty() ? "" : what + ": ";
    if (!result.ok()) {
        if (result.failure == http::Failure::aborted) throw Interrupted(http::interrupt_signal());
        throw NetworkError(fmt::format("{}{} {}: {}{}{}", prefix, request.method, request.path, result.error,
                                       maybe_done_note(request, result, what), tls_hint(result)));
    }
    auto& response = result.response;
    if (response.status < 200 || response.status >= 300) {
        throw ApiError(response.status, request.method, request.path, server_message(response.body), what,
                       response.status == 401 ? "check the key: crm auth status" : "");
    }
    last_status_ = response.status;
    last_body_ = std::move(response.body);
    return last_body_;
}

json::Document Context::parse_last(const http::Request& request, const std::string& what) {
    if (last_body_.find_first_not_of(" \t\r\n") == std::string::npos) return {};  // null document
    try {
        return json::parse(last_body_);
    } catch (const json::ParseError& e) {
        const std::string prefix = what.empty() ? "" : what + ": ";
        throw Error(fmt::format("{}unreadable response from server (not JSON: {}; HTTP {}, {} {})", prefix, e.what(),
                                last_status_, request.method, request.path),
                    kExitUnexpected);
    }
}

json::Document Context::check(const http::Request& request, http::Result&& result, const std::string& what) {
    accept(request, std::move(result), what);
    return parse_last(request, what);
}

std::optional<json::Document> Context::call(const http::Request& request, const std::string& what) {
    if (globals_.dry_run) {
        print_dry_run(request);
        return std::nullopt;
    }
    return check(request, client().send(request), what);
}

}  // namespace crm::cli
