// A real crm-sandbox child process on a free port, for the duration of a test.
#pragma once
#include <string>
#include <sys/types.h>
#include <vector>

namespace crmtest {

class SandboxProcess {
public:
    // Starts CRM_SANDBOX_BIN --port 0 plus extra_args and reads its three start-up lines.
    // Throws std::runtime_error when it does not start within a few seconds.
    explicit SandboxProcess(std::vector<std::string> extra_args = {});
    ~SandboxProcess();  // SIGTERM, then wait (SIGKILL after 5 s)
    SandboxProcess(const SandboxProcess&) = delete;
    SandboxProcess& operator=(const SandboxProcess&) = delete;

    const std::string& base_url() const { return base_url_; }          // http://127.0.0.1:PORT
    const std::string& api_key() const { return api_key_; }            // primary, read/write
    const std::string& readonly_key() const { return readonly_key_; }  // secondary, read-only
    int port() const { return port_; }
    pid_t pid() const { return pid_; }

    void kill_hard();  // SIGKILL and reap, as a crash would
    void stop();       // SIGTERM and reap; idempotent
    // Everything the sandbox wrote to stderr so far (its --log access lines end up here).
    std::string stderr_text() const;

private:
    std::string base_url_, api_key_, readonly_key_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::string stderr_path_;  // stderr is redirected to a temp file so it can be read back
};

}  // namespace crmtest
