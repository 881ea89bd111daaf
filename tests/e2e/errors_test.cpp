// Exit codes and error lines of CLI.md §5, and the key never leaking anywhere.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace crmtest;

TEST_CASE("errors: 401 for a wrong key with a hint, 403 for the read-only key on a write", "[e2e][errors]") {
    SandboxProcess sandbox;
    RunOptions wrong;
    wrong.env["CRM_API_KEY"] = "definitely-not-the-key";
    auto denied = crm(sandbox, {"leads", "list"}, wrong);
    CHECK(denied.exit_code == 3);
    CHECK(denied.err.find("crm auth status") != std::string::npos);
    CHECK(denied.err.find("HTTP 401") != std::string::npos);

    RunOptions readonly;
    readonly.env["CRM_API_KEY"] = sandbox.readonly_key();
    CHECK(crm(sandbox, {"leads", "list", "-o", "json"}, readonly).exit_code == 0);
    auto write = crm(sandbox, {"leads", "create", "-f", "title=x"}, readonly);
    CHECK(write.exit_code == 3);
    CHECK(write.err.find("read-only") != std::string::npos);
    CHECK(write.err.find("HTTP 403, POST /pipeline/leads") != std::string::npos);
    CHECK(parse(crm(sandbox, {"leads", "list", "-o", "json"}).out).Size() == 0);
}

TEST_CASE("errors: 400 from the server is exit 5 with its message, JSON errors with -o json", "[e2e][errors]") {
    SandboxProcess sandbox;
    auto r = crm(sandbox, {"leads", "create", "-f", "note=no title"});
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("title") != std::string::npos);
    CHECK(r.err.find("(HTTP 400, POST /pipeline/leads)") != std::string::npos);

    auto j = crm(sandbox, {"leads", "get", "424242", "-o", "json"});
    CHECK(j.exit_code == 4);
    auto doc = parse(j.err);
    CHECK(doc["error"]["status"].GetInt() == 404);
    CHECK(std::string(doc["error"]["method"].GetString()) == "GET");
    CHECK(std::string(doc["error"]["path"].GetString()) == "/pipeline/leads/424242");
    CHECK(j.out.empty());
}

TEST_CASE("errors: invalid JSON body and bad flags are usage errors and send nothing", "[e2e][errors]") {
    SandboxProcess sandbox({"--log"});
    auto bad = crm(sandbox, {"leads", "create", "-d", "{\"title\": \"x\",\n oops}"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("line 2, column 2") != std::string::npos);
    CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);

    CHECK(crm(sandbox, {"leads", "list", "--bogus"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads", "list", "--archived", "maybe"}).exit_code == 2);
    CHECK(crm(sandbox, {"cases", "list", "--created-after", "last tuesday"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads", "list", "--size", "5000"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads", "create", "-d", "@/nonexistent/body.json"}).exit_code == 2);
    CHECK(crm(sandbox, {"leads"}).exit_code == 2);
    CHECK(sandbox.stderr_text().find("/pipeline/") == std::string::npos);  // nothing reached the server
}

TEST_CASE("errors: connection refused is exit 8", "[e2e][errors]") {
    SandboxProcess sandbox;
    RunOptions closed;
    closed.env["CRM_BASE_URL"] = "http://127.0.0.1:1";
    closed.env["CRM_RETRIES"] = "0";
    auto r = crm(sandbox, {"leads", "list"}, closed);
    CHECK(r.exit_code == 8);
    CHECK(r.err.rfind("crm: ", 0) == 0);
}

TEST_CASE("errors: no key configured is an authentication error, nothing sent", "[e2e][errors]") {
    SandboxProcess sandbox;
    RunOptions nokey;
    nokey.unset_env = {"CRM_API_KEY"};
    auto r = crm(sandbox, {"leads", "list"}, nokey);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("CRM_API_KEY") != std::string::npos);
}

TEST_CASE("config: a world-readable config file holding a key is refused", "[e2e][config]") {
    SandboxProcess sandbox;
    auto dir = std::filesystem::temp_directory_path() / ("crm-e2e-perm-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "crm");
    auto file = dir / "crm" / "config.toml";
    {
        std::ofstream f(file);
        f << "[profiles.default]\nbase_url = \"" << sandbox.base_url() << "\"\napi_key = \"" << sandbox.api_key() << "\"\n";
    }
    ::chmod(file.c_str(), 0644);
    RunOptions from_file;
    from_file.env["XDG_CONFIG_HOME"] = dir.string();
    from_file.unset_env = {"CRM_API_KEY", "CRM_BASE_URL"};
    auto refused = crm(sandbox, {"leads", "list", "-o", "json"}, from_file);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("chmod 600") != std::string::npos);
    CHECK(refused.err.find(sandbox.api_key()) == std::string::npos);

    ::chmod(file.c_str(), 0600);
    auto accepted = crm(sandbox, {"leads", "list", "-o", "json"}, from_file);
    CHECK(accepted.exit_code == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("secrets: the key appears in no output, --verbose and --dry-run included", "[e2e][secrets]") {
    SandboxProcess sandbox;
    const std::string key = sandbox.api_key();
    std::string id = create_lead(sandbox, "Secret");
    std::vector<std::vector<std::string>> commands = {
        {"leads", "list", "-v", "-o", "json"},
        {"leads", "get", id, "--verbose"},
        {"leads", "create", "-f", "title=x", "--dry-run"},
        {"leads", "list", "--dry-run"},
        {"config", "explain"},
        {"leads", "get", "missing", "-v"},
        {"auth", "status"},
    };
    for (const auto& args : commands) {
        auto r = crm(sandbox, args);
        INFO(args[0] << ' ' << args[1] << " exit " << r.exit_code << "\n" << r.err);
        CHECK(r.out.find(key) == std::string::npos);
        CHECK(r.err.find(key) == std::string::npos);
    }
    auto verbose = crm(sandbox, {"leads", "list", "-v", "-o", "json"});
    CHECK(verbose.err.find("Ocp-Apim-Subscription-Key: ****" + key.substr(key.size() - 4)) != std::string::npos);

    RunOptions query_auth;
    query_auth.env["CRM_AUTH"] = "query";
    auto q = crm(sandbox, {"leads", "list", "-v", "-o", "json"}, query_auth);
    CHECK(q.exit_code == 0);
    CHECK(q.err.find(key) == std::string::npos);
    auto qdry = crm(sandbox, {"leads", "list", "--dry-run"}, query_auth);
    CHECK(qdry.out.find("subscription-key='\"$CRM_API_KEY\"") != std::string::npos);  // one shell word
}
