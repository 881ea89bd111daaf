// CLI.md §14: a command line that does not parse names the word, where, and the nearest known
// word; help and version as words; singular entity names; the last -o wins. Exact strings:
// these lines are what a person reads.
#include "e2e.h"

#include <catch2/catch.hpp>

using namespace crmtest;

namespace {

std::string usage_line(const std::string& message, const std::string& command) {
    return "crm: " + message + " (see '" + command + " --help')\n";
}

}  // namespace

TEST_CASE("usage: an unknown command or flag is named, with the nearest known one", "[e2e][usage]") {
    SandboxProcess sandbox({"--log"});
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const Case cases[] = {
        {{"leads", "lst"}, usage_line("unknown command 'lst' for 'crm leads'; did you mean 'list'?", "crm leads")},
        {{"lesds", "list"}, usage_line("unknown command 'lesds' for 'crm'; did you mean 'leads'?", "crm")},
        {{"leads", "lsit"}, usage_line("unknown command 'lsit' for 'crm leads'; did you mean 'list'?", "crm leads")},
        {{"xyzzy"}, usage_line("unknown command 'xyzzy' for 'crm'", "crm")},
        {{"leads", "list", "--limt", "5"},
         usage_line("unknown flag '--limt' for 'crm leads list'; did you mean '--limit'?", "crm leads list")},
        {{"opps", "list", "--dryrun"},
         usage_line("unknown flag '--dryrun' for 'crm opportunities list'; did you mean '--dry-run'?",
                    "crm opportunities list")},
        {{"leads"}, usage_line("'crm leads' needs a command: list, get, create, update, delete, archive, unarchive, "
                               "convert, import, tag",
                               "crm leads")},
        // The second flag would be taken as the first one's value, and --dry-run lost.
        {{"leads", "list", "--fields", "--dry-run"},
         usage_line("--fields needs a value, got the flag --dry-run (write --fields=VALUE if you mean it)",
                    "crm leads list")},
    };
    for (const auto& c : cases) {
        auto r = crm(sandbox, c.args);
        INFO(c.args.front() << " " << (c.args.size() > 1 ? c.args[1] : ""));
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == c.err);
    }
    CHECK(log_lines(sandbox, "GET ") == 0);
}

TEST_CASE("usage: crm help and crm version say what --help and --version say", "[e2e][usage]") {
    SandboxProcess sandbox;
    for (const auto& words : std::vector<std::vector<std::string>>{{}, {"leads"}, {"leads", "list"}, {"opp", "status"},
                                                                   {"bulk", "delete", "leads"}}) {
        auto with_flag = words;
        with_flag.push_back("--help");
        auto help = words;
        help.insert(help.begin(), "help");
        const auto expected = crm(sandbox, with_flag);
        const auto got = crm(sandbox, help);
        INFO(got.err);
        CHECK(got.exit_code == 0);
        CHECK(!got.out.empty());
        CHECK(got.out == expected.out);
    }
    CHECK(crm(sandbox, {"version"}).out == crm(sandbox, {"--version"}).out);
    auto wrong = crm(sandbox, {"help", "leads", "lst"});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err == "crm: unknown command 'lst' for 'crm leads'; did you mean 'list'?\n");
}

TEST_CASE("usage: singular entity names, and the last -o wins", "[e2e][usage]") {
    SandboxProcess sandbox;
    const std::string id = create_lead(sandbox, "singular");
    auto lead = crm(sandbox, {"lead", "get", id, "-o", "json"});
    REQUIRE(lead.exit_code == 0);
    CHECK(std::string(parse(lead.out)["title"].GetString()) == "singular");
    for (const char* entity : {"opp", "opportunity", "contact", "org", "organization", "case"}) {
        auto r = crm(sandbox, {entity, "list", "-o", "json"});
        INFO(entity << ": " << r.err);
        CHECK(r.exit_code == 0);
        CHECK(parse(r.out).IsArray());
    }
    // alias crm='crm -o json', then -o csv on one command.
    auto last = crm(sandbox, {"-o", "json", "leads", "list", "-o", "csv", "--fields", "id,title"});
    CHECK(last.exit_code == 0);
    CHECK(last.out == "id,title\n" + id + ",singular\n");
}

TEST_CASE("usage: numeric flags say the rule and the value, never the parser's wording", "[e2e][usage]") {
    SandboxProcess sandbox({"--log"});
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::string list_help = "(see 'crm leads list --help')\n";
    const Case cases[] = {
        {{"leads", "list", "--limit", "0"}, "crm: --limit must be a positive integer, got '0' " + list_help},
        {{"leads", "list", "--limit", "abc"}, "crm: --limit must be a positive integer, got 'abc' " + list_help},
        {{"leads", "list", "--limit", "1e3"}, "crm: --limit must be a positive integer, got '1e3' " + list_help},
        {{"leads", "list", "--limit"}, "crm: --limit needs a value " + list_help},
        {{"leads", "list", "--page", "-1"}, "crm: --page must be a positive integer, got '-1' " + list_help},
        {{"leads", "list", "--size", "1001"}, "crm: --size must be an integer from 1 to 1000, got '1001' " + list_help},
        {{"leads", "list", "--parallel", "17"},
         "crm: --parallel must be an integer from 1 to 16, got '17' " + list_help},
        {{"cases", "list", "--offset", "-1"}, "crm: --offset must be a non-negative integer, got '-1'\n"},
        {{"bulk", "delete", "leads", "--ids", "1", "--yes", "--parallel", "0"},
         "crm: --parallel must be an integer from 1 to 16, got '0'\n"},
        {{"bulk", "delete", "leads", "--ids", "1", "--yes", "--batch-size", "ten"},
         "crm: --batch-size must be an integer from 1 to 1000, got 'ten'\n"},
        {{"bulk", "delete", "leads", "--ids", "1", "--yes", "--max-delete", "-1"},
         "crm: --max-delete must be an integer from 0 to 1000000000, or none, got '-1'\n"},
        {{"api", "/pipeline/leads", "--paginate", "-q", "size=0"}, "crm: size must be an integer from 1 to 1000, got '0'\n"},
        {{"leads", "list", "--timeout", "0"}, "crm: --timeout must be a number of seconds from 0.1 to 86400, got '0'\n"},
        {{"leads", "list", "--retries", "-1"}, "crm: --retries must be an integer from 0 to 100, got '-1'\n"},
        {{"leads", "list", "--rate", "x"},
         "crm: --rate must be 0 (no limit) or a number of requests per second from 0.01 to 10000, got 'x'\n"},
    };
    for (const auto& c : cases) {
        auto r = crm(sandbox, c.args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == c.err);
    }
    CHECK(log_lines(sandbox, "GET ") + log_lines(sandbox, "POST ") == 0);
}

TEST_CASE("usage: --help shows the command's flags, then the global ones, then examples", "[e2e][usage]") {
    SandboxProcess sandbox;
    auto help = crm(sandbox, {"tags", "delete", "--help"});
    REQUIRE(help.exit_code == 0);
    const auto own = help.out.find("\nOptions:\n  -h,--help");
    const auto global = help.out.find("\n\nGlobal flags:\n  -o,--output ");
    const auto examples = help.out.find("\n\nExamples:\n");
    CHECK(own != std::string::npos);
    CHECK(global != std::string::npos);
    CHECK(own < global);
    CHECK(global < examples);
    CHECK(help.out.find("  --dry-run ", global) != std::string::npos);
    CHECK(help.out.find("  -y,--yes ") < global);  // its own flag, above
    CHECK(help.out.substr(examples) ==
          "\n\nExamples:\n  crm tags delete leads 3\n  crm tags delete contacts 4 5 --yes\n");

    auto top = crm(sandbox, {"--help"});
    CHECK(top.out.find("Global flags:") == std::string::npos);  // they are its own options
    CHECK(top.out.find("\nExamples:\n  crm leads list --title cloud\n") != std::string::npos);
}

TEST_CASE("usage: messages use the singular and its article where English does", "[e2e][usage]") {
    SandboxProcess sandbox({"--seed-records", "50"});
    CHECK(crm(sandbox, {"opps", "--help"}).out.find("  create                      Create an opportunity (requires title)\n") !=
          std::string::npos);
    CHECK(crm(sandbox, {"orgs", "--help"}).out.find("  update                      Update an organization (") !=
          std::string::npos);
    CHECK(crm(sandbox, {"tags", "delete", "leads", "3"}).err ==
          "crm: Delete lead tag 3?: refusing without --yes when not on a terminal\n");
    CHECK(crm(sandbox, {"tags", "delete", "leads", "3", "4"}).err ==
          "crm: Delete lead tags 3, 4?: refusing without --yes when not on a terminal\n");
    CHECK(crm(sandbox, {"bulk", "delete", "leads", "--ids", "1", "--dry-run"}).out.starts_with("would delete 1 lead: 1\n"));
}
