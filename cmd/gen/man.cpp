#include "gen/man.h"

#include "errors.h"
#include "gen/roff.h"
#include "render/format.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace crm::cmd::gen {

namespace {

// What the tree does not hold: CLI.md §5 and §6. Codes come from errors.h.
struct Item {
    std::string name;
    std::string text;
};

const std::vector<Item>& exit_statuses() {
    static const std::vector<Item> items = {
        {std::to_string(kExitOk), "Success."},
        {std::to_string(kExitUnexpected), "Unexpected error (a bug, an unreadable response)."},
        {std::to_string(kExitUsage), "Usage: bad flags, invalid JSON body, missing --yes where confirmation is needed."},
        {std::to_string(kExitAuth), "Authentication or authorization failed: HTTP 401 or 403."},
        {std::to_string(kExitNotFound), "Not found: HTTP 404."},
        {std::to_string(kExitRejected), "Rejected by the server: another 4xx status (400, 409, 422, ...)."},
        {std::to_string(kExitRateLimited), "Rate limited: HTTP 429 still after the retries."},
        {std::to_string(kExitServer), "Server error: 5xx still after the retries."},
        {std::to_string(kExitNetwork), "Network: cannot connect, timeout, TLS failure."},
        {std::to_string(kExitPartial),
         "Partial failure: a command on several ids (or bulk) where ids failed for different reasons, or some "
         "succeeded. When every id failed for the same reason, the exit code is that reason's (all 404: 4)."},
        {std::to_string(kExitInterrupted), "Interrupted (SIGINT); journals, summaries and --failed-out are written first."},
        {std::to_string(kExitTerminated), "Terminated (SIGTERM), handled like SIGINT."},
    };
    return items;
}

const std::vector<Item>& environment() {
    static const std::vector<Item> items = {
        {"CRM_BASE_URL", "API base URL (setting base_url)."},
        {"CRM_API_KEY", "API key (setting api_key). Never shown in output, errors or --verbose."},
        {"CRM_API_KEY_COMMAND", "Command whose standard output is the API key (setting api_key_command)."},
        {"CRM_API_KEY_COMMAND_TIMEOUT",
         "Seconds the key command may run, 0.1 to 3600, default 30 (setting api_key_command_timeout)."},
        {"CRM_AUTH", "How the key is sent: header (the default) or query (setting auth)."},
        {"CRM_PROFILE", "Config profile to use instead of default (as --profile)."},
        {"CRM_OUTPUT", fmt::format("Output format, as --output: {}.", fmt::join(render::format_names(), ", "))},
        {"CRM_TIMEOUT", "Seconds before a request times out (as --timeout)."},
        {"CRM_RETRIES", "Retries of failed idempotent requests (as --retries)."},
        {"CRM_RATE", "At most this many requests per second (as --rate)."},
        {"CRM_DEBUG", "1: as --debug (request and response bodies, phase timings, retry reasons). Empty or 0: off."},
        {"CRM_CA_BUNDLE",
         "CA bundle (PEM) for TLS, as --cacert (setting cacert). Order: --cacert, CRM_CA_BUNDLE, the profile's "
         "cacert, SSL_CERT_FILE, then the system's CAs."},
        {"SSL_CERT_FILE", "CA bundle used when neither --cacert, CRM_CA_BUNDLE nor the profile names one."},
        {"HTTPS_PROXY, https_proxy",
         "Proxy for https:// URLs (http://HOST:PORT; crm tunnels through it with CONNECT). http_proxy serves "
         "http:// URLs and ALL_PROXY both."},
        {"NO_PROXY, no_proxy", "Hosts reached without the proxy: a comma list of names, domains and addresses, or *."},
        {"CRM_ALLOW_INSECURE", "1: allows --insecure when stderr is not a terminal (scripts, CI)."},
        {"CRM_TENANT_ID", "Tenant id (setting tenant_id)."},
        {"CRM_USER_ID, CRM_USER_NAME, CRM_USER_EMAIL", "The acting user (settings user.id, user.name, user.email)."},
        {"XDG_CONFIG_HOME", "Where the config file lives (default ~/.config)."},
        {"XDG_CACHE_HOME", "Where shell completion caches stage and tag labels for a minute (default ~/.cache)."},
        {"NO_COLOR", "When set to a non-empty value, no colour (as --no-color)."},
        {"TERM", "dumb: no colour and no progress line (no escape sequences at all)."},
    };
    return items;
}

// Help strings are phrases ("Work with leads"); in prose they end with a full stop.
std::string sentence(const std::string& text) { return text.ends_with('.') ? text : text + "."; }

std::string page_name(const Command& cmd) { return fmt::format("{}", fmt::join(cmd.path, "-")); }

std::string upper(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// "--base-url" → "BASE_URL": the placeholder of a free value.
std::string placeholder(const std::string& long_name) {
    auto text = upper(long_name.substr(long_name.find_first_not_of('-')));
    for (auto& c : text) c = c == '-' ? '_' : c;
    return text;
}

std::string header(const std::string& name, std::string_view version) {
    return fmt::format(".TH {} 1 \"\" {} \"User Commands\"\n", roff(upper(name)), roff_arg(fmt::format("crm {}", version)));
}

// "\fB\-o\fR, \fB\-\-output\fR \fI{table|json}\fR": the .TP tag line of one flag.
std::string flag_tag(const Flag& flag) {
    std::string tag;
    for (const auto& name : flag.names) tag += (tag.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff(name));
    if (!flag.takes_value) return tag;
    auto value = flag.values.empty() ? placeholder(flag.names.back()) : fmt::format("{}", fmt::join(flag.values, "|"));
    return tag + fmt::format(" \\fI{}\\fR", roff(value));
}

std::string items(const std::vector<Item>& list, const char* font) {
    std::string out;
    for (const auto& item : list) out += fmt::format(".TP\n.{} {}\n{}\n", font, roff_arg(item.name), roff(item.text));
    return out;
}

std::string flags(const std::vector<Flag>& list) {
    std::string out;
    for (const auto& flag : list) out += fmt::format(".TP\n{}\n{}\n", flag_tag(flag), roff(flag.help));
    return out;
}

// "crm leads get \fIid\fR..." (bold command words, italic arguments).
std::string synopsis(const Command& cmd) {
    std::string out = fmt::format(".B {}\n", roff(cmd.path_string()));
    if (!cmd.flags.empty()) out += "[\\fIOPTIONS\\fR]\n";
    if (!cmd.subcommands.empty()) out += "\\fICOMMAND\\fR\n";
    for (const auto& p : cmd.positionals) {
        auto arg = fmt::format("\\fI{}\\fR{}", roff(p.name), p.many ? "..." : "");
        out += (p.required ? arg : "[" + arg + "]") + "\n";
    }
    return out;
}

// Every runnable command under `cmd`, depth first.
void leaves(const Command& cmd, std::vector<const Command*>& out) {
    for (const auto& sub : cmd.subcommands) {
        if (sub.subcommands.empty()) out.push_back(&sub);
        leaves(sub, out);
    }
}

std::string command_section(const Command& cmd) {
    std::string out = fmt::format(".SS {}\n{}\n.PP\n{}\n", roff_arg(cmd.path_string()), roff(cmd.help), synopsis(cmd));
    for (const auto& p : cmd.positionals) {
        auto values = p.values.empty() ? "" : fmt::format(" One of: {}.", fmt::join(p.values, ", "));
        out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(p.name), roff(p.help + values));
    }
    return out + flags(cmd.flags);
}

// Each command's examples as a block of literal lines, a command's lines together; a line shown
// once (a group may repeat one of its commands').
std::string examples_section(const std::vector<const Command*>& commands) {
    std::string out = ".SH EXAMPLES\n";
    std::vector<std::string> seen;
    for (const auto* cmd : commands) {
        std::string block;
        for (const auto& line : cmd->examples) {
            if (std::find(seen.begin(), seen.end(), line) != seen.end()) continue;
            seen.push_back(line);
            block += roff(line) + "\n";
        }
        if (!block.empty()) out += ".PP\n.nf\n.RS 4\n" + block + ".RE\n.fi\n";
    }
    return out;
}

std::string see_also(const Command& root, const Command* self) {
    std::vector<std::string> refs;
    if (self) refs.push_back(".BR crm (1)");
    for (const auto& group : root.subcommands) {
        if (&group != self) refs.push_back(fmt::format(".BR {} (1)", roff(page_name(group))));
    }
    return ".SH \"SEE ALSO\"\n" + fmt::format("{}\n", fmt::join(refs, ",\n"));
}

ManPage root_page(const Command& root, std::string_view version) {
    auto summary = root.help.substr(root.help.find(": ") == std::string::npos ? 0 : root.help.find(": ") + 2);
    std::string out = header("crm", version);
    out += fmt::format(".SH NAME\ncrm \\- {}\n", roff(summary));
    out += ".SH SYNOPSIS\n.B crm\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
    out += fmt::format(".SH DESCRIPTION\n{}\n", roff(root.help));
    out += ".PP\nThe options below are accepted before or after the command, at every level.\n"
           "Each command group has its own page, named after it.\n";
    out += ".SH COMMANDS\n";
    for (const auto& group : root.subcommands) {
        out += fmt::format(".TP\n.B {}\n{} See\n.BR {} (1).\n", roff(group.name()), roff(sentence(group.help)),
                           roff(page_name(group)));
    }
    out += ".SH OPTIONS\n" + flags(root.flags);
    out += ".SH \"EXIT STATUS\"\n" + items(exit_statuses(), "B");
    out += ".SH ENVIRONMENT\nA flag wins over the environment, which wins over the config profile.\n";
    out += items(environment(), "B");
    out += ".SH FILES\n";
    out += items({{"$XDG_CONFIG_HOME/crm/config.toml",
                   "The config file (TOML, named profiles, and the current_profile that crm config use sets), "
                   "else ~/.config/crm/config.toml. A file holding a key must not be readable by group or others."}},
                 "I");
    out += examples_section({&root});
    out += see_also(root, nullptr);
    return {"crm.1", out};
}

ManPage group_page(const Command& root, const Command& group, std::string_view version) {
    auto name = page_name(group);
    std::vector<const Command*> commands;
    if (group.subcommands.empty()) commands.push_back(&group);
    leaves(group, commands);

    std::string out = header(name, version);
    out += fmt::format(".SH NAME\n{} \\- {}\n", roff(name), roff(group.help));
    out += ".SH SYNOPSIS\n";
    for (std::size_t i = 0; i < commands.size(); ++i) out += (i ? ".br\n" : "") + synopsis(*commands[i]);
    out += fmt::format(".SH DESCRIPTION\n{}\n", roff(sentence(group.help)));
    if (!group.aliases.empty()) out += fmt::format("Also: {}.\n", roff(fmt::format("crm {}", fmt::join(group.aliases, ", crm "))));
    if (!group.subcommands.empty()) {
        out += ".SH COMMANDS\n";
        for (const auto* cmd : commands) out += command_section(*cmd);
    }
    out += ".SH OPTIONS\n";
    if (group.subcommands.empty()) out += flags(group.flags);
    out += ".PP\nAnd the global options of\n.BR crm (1),\naccepted after the command too:\n" + flags(root.flags);
    std::vector<const Command*> with_examples{&group};
    if (!group.subcommands.empty()) with_examples.insert(with_examples.end(), commands.begin(), commands.end());
    out += ".SH \"EXIT STATUS\"\nAs listed in\n.BR crm (1):\n0 on success, 2 on a usage error, 3 to 9 for API and network failures.\n";
    out += ".SH ENVIRONMENT\nSee\n.BR crm (1).\n";
    out += ".SH FILES\n.I $XDG_CONFIG_HOME/crm/config.toml\n(see\n.BR crm (1)).\n";
    out += examples_section(with_examples);
    out += see_also(root, &group);
    return {name + ".1", out};
}

}  // namespace

std::vector<ManPage> man_pages(const Command& root, std::string_view version) {
    std::vector<ManPage> pages{root_page(root, version)};
    for (const auto& group : root.subcommands) pages.push_back(group_page(root, group, version));
    return pages;
}

}  // namespace crm::cmd::gen
