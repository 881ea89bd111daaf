// The table a person reads (CLI.md §4, §14): stage labels from one read of the pipelines, and
// colour on a real terminal (script(1)) by the rules of TERM and NO_COLOR.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace crmtest;

namespace {

const std::string kSalesPipeline = "c4d5e6f7-8901-2345-6789-abcdef012345";      // the sandbox's default
const std::string kPartnerPipeline = "727a1a94-dda3-4e68-92cb-343e3e3d4fbc";

void create_opp(const SandboxProcess& sandbox, const std::string& title, const std::string& pipeline,
                const std::string& stage) {
    auto r = crm(sandbox, {"opps", "create", "-f", "title=" + title, "-f", "pipelineId=" + pipeline, "-f",
                           "stage=" + stage});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

// crm on a real terminal: script(1) gives it one, and stdout is what the terminal showed.
RunResult on_terminal(const SandboxProcess& sandbox, const std::string& args, std::map<std::string, std::string> env) {
    RunOptions options = env_for(sandbox);
    for (auto& [name, value] : env) options.env[name] = value;
    return run({"/usr/bin/script", "-qec", std::string(CRM_BIN) + " " + args, "/dev/null"}, options);
}

}  // namespace

TEST_CASE("table: stage keys show as their pipeline's labels, from one read of the pipelines", "[e2e][table]") {
    SandboxProcess sandbox({"--log"});
    create_opp(sandbox, "Sales deal", kSalesPipeline, "stage-xyz");
    create_opp(sandbox, "Partner deal", kPartnerPipeline, "partner-evaluation");
    create_opp(sandbox, "Shared key", kPartnerPipeline, "395f9a11-c7d5-4d91-b4bb-8c964cf8d329");

    // Three pages, one read of the pipelines.
    auto paged = crm(sandbox, {"opps", "list", "--all", "--size", "1", "-o", "table", "--fields", "title,stage"});
    INFO(paged.err);
    CHECK(paged.exit_code == 0);
    CHECK(paged.out.find("Sales deal  Proposal\n") != std::string::npos);
    CHECK(log_lines(sandbox, "GET /pipeline/pipelines/opportunities") == 1);

    auto table = crm(sandbox, {"opps", "list", "-o", "table", "--fields", "title,stage"});
    CHECK(table.out ==
          "TITLE         STAGE\n"
          "Sales deal    Proposal\n"
          "Partner deal  Evaluation\n"
          "Shared key    Negotiation\n");
    CHECK(log_lines(sandbox, "GET /pipeline/pipelines/opportunities") == 2);

    // Every other format keeps the data exact, and reads nothing more.
    auto csv = crm(sandbox, {"opps", "list", "-o", "csv", "--fields", "stage"});
    CHECK(csv.out == "stage\nstage-xyz\npartner-evaluation\n395f9a11-c7d5-4d91-b4bb-8c964cf8d329\n");
    CHECK(log_lines(sandbox, "GET /pipeline/pipelines/opportunities") == 2);
}

TEST_CASE("table on a terminal: bold header, none for TERM=dumb or a non-empty NO_COLOR", "[e2e][table][tty]") {
    if (::access("/usr/bin/script", X_OK) != 0) {
        WARN("SKIP: util-linux script is not installed");
        return;
    }
    SandboxProcess sandbox;
    create_lead(sandbox, "Lead");
    const std::string args = "leads list --fields title";
    auto colour = on_terminal(sandbox, args, {{"TERM", "xterm"}, {"NO_COLOR", ""}});
    INFO(colour.out);
    CHECK(colour.out.find("\x1b[1mTITLE\x1b[0m") != std::string::npos);  // an empty NO_COLOR is not "no"
    auto dumb = on_terminal(sandbox, args, {{"TERM", "dumb"}, {"NO_COLOR", ""}});
    CHECK(dumb.out.find("TITLE") != std::string::npos);
    CHECK(dumb.out.find('\x1b') == std::string::npos);
    auto no_color = on_terminal(sandbox, args, {{"TERM", "xterm"}, {"NO_COLOR", "1"}});
    CHECK(no_color.out.find("TITLE") != std::string::npos);
    CHECK(no_color.out.find('\x1b') == std::string::npos);
}
