// A crm-sandbox child on a free port: started with --port 0, its three start-up lines parsed,
// stopped with SIGTERM (or killed hard, like a crash) at the end of the test.
#include "support/sandbox_process.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace crmtest {
namespace {

constexpr int kStartTimeoutMs = 20000;  // generous: TSan builds and a loaded 2-core machine

// What a shell's eval makes of VALUE in `export NAME=VALUE`, for the forms the sandbox
// writes: 'single-quoted' parts (a ' inside written '\''), backslash escapes, bare characters.
std::string shell_unquote(const std::string& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\'') {
            size_t end = v.find('\'', i + 1);
            if (end == std::string::npos) throw std::runtime_error("unterminated quote in sandbox line: " + v);
            out.append(v, i + 1, end - i - 1);
            i = end;
        } else if (v[i] == '\\' && i + 1 < v.size()) {
            out += v[++i];
        } else {
            out += v[i];
        }
    }
    return out;
}

std::string value_after(const std::string& line, const std::string& prefix) {
    if (line.rfind(prefix, 0) != 0) throw std::runtime_error("unexpected sandbox line: " + line);
    return shell_unquote(line.substr(prefix.size()));
}

// Waits for the child to exit for up to timeout_ms; true when reaped.
bool reap(pid_t pid, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        int status = 0;
        pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid || (w < 0 && errno == ECHILD)) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        ::usleep(2000);
    }
}

}  // namespace

SandboxProcess::SandboxProcess(std::vector<std::string> extra_args) {
    char tmpl[] = "/tmp/crm-sandbox-stderr-XXXXXX";
    int err_fd = ::mkstemp(tmpl);
    if (err_fd < 0) throw std::runtime_error("mkstemp failed");
    stderr_path_ = tmpl;

    int out_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        ::close(err_fd);
        throw std::runtime_error("pipe failed");
    }

    std::vector<std::string> args{CRM_SANDBOX_BIN, "--port", "0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> cargv;
    for (auto& s : args) cargv.push_back(s.data());
    cargv.push_back(nullptr);

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_fd, 2);
        ::signal(SIGPIPE, SIG_DFL);
        ::execv(cargv[0], cargv.data());
        _exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_fd);

    // Read the three lines, with a deadline.
    std::string buffer;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    auto count_lines = [&] {
        int n = 0;
        for (char c : buffer) n += (c == '\n');
        return n;
    };
    bool eof = false;
    while (count_lines() < 3 && !eof) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) break;
        pollfd pfd{out_pipe[0], POLLIN, 0};
        int rc = ::poll(&pfd, 1, static_cast<int>(left));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) continue;
        char buf[4096];
        ssize_t r = ::read(out_pipe[0], buf, sizeof buf);
        if (r > 0) buffer.append(buf, static_cast<size_t>(r));
        else if (r == 0) eof = true;
        else if (errno != EINTR && errno != EAGAIN) eof = true;
    }
    ::close(out_pipe[0]);
    if (count_lines() < 3) {
        kill_hard();
        throw std::runtime_error("crm-sandbox did not start; stdout: " + buffer +
                                 " stderr: " + stderr_text());
    }
    std::istringstream lines(buffer);
    std::string l1, l2, l3;
    std::getline(lines, l1);
    std::getline(lines, l2);
    std::getline(lines, l3);
    try {
        base_url_ = value_after(l1, "export CRM_BASE_URL=");
        api_key_ = value_after(l2, "export CRM_API_KEY=");
        readonly_key_ = value_after(l3, "export CRM_READONLY_KEY=");
        auto colon = base_url_.rfind(':');
        port_ = std::stoi(base_url_.substr(colon + 1));
    } catch (...) {
        kill_hard();
        throw;
    }
}

SandboxProcess::~SandboxProcess() {
    try {
        stop();
    } catch (...) {
    }
    if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

void SandboxProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    reap(pid_, 10000);
    pid_ = -1;
}

void SandboxProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    if (!reap(pid_, 5000)) {
        ::kill(pid_, SIGKILL);
        reap(pid_, 10000);
    }
    pid_ = -1;
}

std::string SandboxProcess::stderr_text() const {
    std::ifstream in(stderr_path_, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace crmtest
