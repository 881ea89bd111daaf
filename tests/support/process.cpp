// Spawning a real binary from a test: fork/exec with three pipes, poll() so that neither side
// blocks on a full pipe, a deadline after which the child is SIGKILLed.
#include "support/process.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace crmtest {
namespace {

// A child that exits or closes its stdin while we still write to it must not kill the test
// binary with SIGPIPE: with the signal ignored, the write fails with EPIPE and run() stops
// writing. Set once, before main(), in every binary that spawns (children get SIG_DFL back).
struct IgnoreSigpipe {
    IgnoreSigpipe() { ::signal(SIGPIPE, SIG_IGN); }
} const ignore_sigpipe;

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

void set_nonblocking(int fd) {
    int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// The child's environment: ours, minus unset_env, plus env.
std::vector<std::string> child_environment(const RunOptions& options) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; e && *e; ++e) {
        std::string kv = *e;
        auto eq = kv.find('=');
        if (eq == std::string::npos) continue;
        vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& name : options.unset_env) vars.erase(name);
    for (const auto& [k, v] : options.env) vars[k] = v;
    std::vector<std::string> out;
    out.reserve(vars.size());
    for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
    return out;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    if (argv.empty()) throw std::invalid_argument("run: empty argv");

    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

    // Everything the child needs is prepared before fork (no allocation after it).
    std::vector<std::string> env_strings = child_environment(options);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> cargv;
    for (auto& s : args) cargv.push_back(s.data());
    cargv.push_back(nullptr);
    std::string cwd = options.cwd.value_or("");

    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) _exit(127);
        ::signal(SIGPIPE, SIG_DFL);
        ::execve(cargv[0], cargv.data(), envp.data());
        const char msg[] = "exec failed\n";
        (void)!::write(2, msg, sizeof msg - 1);
        _exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    int fd_in = in_pipe[1], fd_out = out_pipe[0], fd_err = err_pipe[0];
    set_nonblocking(fd_in);
    set_nonblocking(fd_out);
    set_nonblocking(fd_err);

    RunResult result;
    size_t written = 0;
    if (options.stdin_data.empty()) close_fd(fd_in);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
    bool killed = false;

    while (fd_in >= 0 || fd_out >= 0 || fd_err >= 0) {
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        int wait_ms = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count()) + 1;
        pollfd fds[3];
        int n = 0;
        if (fd_in >= 0) fds[n++] = {fd_in, POLLOUT, 0};
        if (fd_out >= 0) fds[n++] = {fd_out, POLLIN, 0};
        if (fd_err >= 0) fds[n++] = {fd_err, POLLIN, 0};
        int rc = ::poll(fds, static_cast<nfds_t>(n), wait_ms);
        if (rc < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < n; ++i) {
            if (fds[i].revents == 0) continue;
            int fd = fds[i].fd;
            if (fd == fd_in) {
                if (fds[i].revents & (POLLERR | POLLHUP)) {
                    close_fd(fd_in);
                    continue;
                }
                ssize_t w = ::write(fd_in, options.stdin_data.data() + written,
                                    options.stdin_data.size() - written);
                if (w > 0) written += static_cast<size_t>(w);
                else if (w < 0 && errno != EAGAIN && errno != EINTR) close_fd(fd_in);
                if (written >= options.stdin_data.size()) close_fd(fd_in);
            } else {
                char buf[65536];
                ssize_t r = ::read(fd, buf, sizeof buf);
                if (r > 0) {
                    (fd == fd_out ? result.out : result.err).append(buf, static_cast<size_t>(r));
                } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                    if (fd == fd_out) close_fd(fd_out);
                    else close_fd(fd_err);
                }
            }
        }
    }
    close_fd(fd_in);
    close_fd(fd_out);
    close_fd(fd_err);

    // The streams are closed; the child may still be running: wait, within the deadline.
    int status = 0;
    for (;;) {
        pid_t w = ::waitpid(pid, &status, killed ? 0 : WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) break;
        if (w == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                ::kill(pid, SIGKILL);
                killed = true;
            } else {
                ::usleep(2000);
            }
        }
    }
    if (killed) {
        result.exit_code = 128 + SIGKILL;
        result.err += "\n[test harness: killed after timeout]\n";
    } else if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = 128 + WTERMSIG(status);
    }
    return result;
}

RunResult run_crm(const std::vector<std::string>& args, const RunOptions& options) {
    std::vector<std::string> argv{CRM_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, options);
}

}  // namespace crmtest
