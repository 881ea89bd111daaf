// Helpers for the e2e tests: the real crm binary against a real crm-sandbox.
#pragma once
#include "support/process.h"
#include "support/sandbox_process.h"

#include <rapidjson/document.h>

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace crmtest {

// Environment pointing crm at the sandbox with the primary key, an empty config directory,
// no colour: what a script in CI would have.
RunOptions env_for(const SandboxProcess& sandbox, const std::string& key = "");

// Runs crm against the sandbox with `args`.
RunResult crm(const SandboxProcess& sandbox, const std::vector<std::string>& args, RunOptions options = {});

rapidjson::Document parse(const std::string& text);

// Lines of the sandbox's access log (--log, on its stderr) that start with `prefix`,
// e.g. "POST /pipeline/bulk-actions 200" or "GET /pipeline/leads".
size_t log_lines(const SandboxProcess& sandbox, const std::string& prefix);

// Creates a lead with this title through crm and returns its id.
std::string create_lead(const SandboxProcess& sandbox, const std::string& title);

// A fresh directory for a test's files (ids, journals, exports), removed at the end.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string operator/(const std::string& file) const { return (path / file).string(); }
    std::vector<std::string> names() const;  // of the files in it, sorted
};

std::string read_file(const std::string& path);

// Starts crm in the background (for a kill), with the environment crm() would give it.
// stderr goes to `err_path` ("" = /dev/null).
pid_t spawn_crm(const SandboxProcess& sandbox, const std::vector<std::string>& args, const std::string& err_path = "");

}  // namespace crmtest
