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
