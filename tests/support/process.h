// Running real binaries from tests: the way a user (or a cron job) runs them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crmtest {

struct RunResult {
    int exit_code = -1;  // the exit status, or 128 + signal number when killed by a signal
    std::string out;     // everything written to stdout
    std::string err;     // everything written to stderr
};

struct RunOptions {
    std::string stdin_data;                          // written to the child's stdin, then closed
    std::map<std::string, std::string> env;          // set (added/overridden) in the child
    std::vector<std::string> unset_env;              // removed from the child's environment
    std::optional<std::string> cwd;
    int timeout_ms = 60000;                          // the child is SIGKILLed after this
};

// Runs argv[0] (a path) with the arguments, waits, captures both streams without deadlock.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// Convenience: runs the crm binary under test (CRM_BIN) with these arguments.
RunResult run_crm(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace crmtest
