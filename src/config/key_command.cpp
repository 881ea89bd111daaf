#include "config/key_command.h"

#include "errors.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace crm::config::detail {

namespace {

// A key is short; anything bigger is not a key and is not kept in memory.
constexpr size_t kMaxOutput = 64 * 1024;

std::string trim(const std::string& text) {
    const char* space = " \t\r\n\v\f";
    auto first = text.find_first_not_of(space);
    if (first == std::string::npos) return {};
    auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

using Clock = std::chrono::steady_clock;

// An authentication error: without its key crm cannot authenticate (exit 3, like a 401).
[[noreturn]] void fail(const std::string& command, const std::string& why) {
    throw Error(fmt::format("api_key_command '{}' failed ({})", command, why), kExitAuth);
}

// The running command. Off a terminal it gets a process group of its own, so a timeout kills
// what it started too (a `sleep` child would keep the pipe open). On a terminal it stays in
// crm's group: a background group could not read the passphrase a secret manager asks for,
// and the person at the terminal can press Ctrl-C.
class Child {
public:
    Child(const std::string& command, int stdout_fd) : command_(command), own_group_(::isatty(STDIN_FILENO) != 1) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        // crm ignores SIGPIPE; the command's pipelines need the default back.
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        short flags = POSIX_SPAWN_SETSIGDEF;
        if (own_group_) {
            flags |= POSIX_SPAWN_SETPGROUP;
            posix_spawnattr_setpgroup(&attributes, 0);
        }
        posix_spawnattr_setflags(&attributes, flags);
        const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
        int rc = ::posix_spawn(&pid_, "/bin/sh", &actions, &attributes, const_cast<char* const*>(argv), environ);
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) fail(command, fmt::format("cannot start /bin/sh: {}", std::strerror(rc)));
    }
    ~Child() {
        if (pid_ > 0) kill_and_reap();
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The exit status, or nullopt when it is still running at the deadline.
    std::optional<int> wait_until(Clock::time_point deadline) {
        for (;;) {
            int status = 0;
            pid_t done = ::waitpid(pid_, &status, WNOHANG);
            if (done == pid_) {
                pid_ = -1;
                return status;
            }
            if (done < 0 && errno != EINTR) fail(command_, fmt::format("cannot wait for it: {}", std::strerror(errno)));
            if (Clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    void kill_and_reap() {
        ::kill(own_group_ ? -pid_ : pid_, SIGKILL);
        while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
    }

private:
    const std::string& command_;
    bool own_group_;
    pid_t pid_ = -1;
};

// Reads what the command writes until it closes its stdout (true) or the deadline passes
// (false), keeping at most kMaxOutput + 1 bytes.
bool read_until(int fd, Clock::time_point deadline, std::string& out) {
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, static_cast<int>(left)) <= 0) continue;  // EINTR or time up: the top decides
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
        if (out.size() <= kMaxOutput) out.append(buf, static_cast<size_t>(n));
    }
}

}  // namespace

std::string run_key_command(const std::string& command, double timeout_s) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail(command, fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    std::optional<Child> child;
    try {
        child.emplace(command, fds[1]);
    } catch (...) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw;
    }
    ::close(fds[1]);
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
    std::string output;
    const bool ended = read_until(fds[0], deadline, output);
    ::close(fds[0]);
    const auto status = ended ? child->wait_until(deadline) : std::nullopt;
    if (!status) {
        child->kill_and_reap();
        fail(command, fmt::format("no key within {} s; the limit is api_key_command_timeout", timeout_s));
    }

    if (WIFSIGNALED(*status)) fail(command, fmt::format("killed by signal {}", WTERMSIG(*status)));
    int code = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
    if (code != 0) fail(command, fmt::format("exit {}", code));
    if (output.size() > kMaxOutput) fail(command, "exit 0, output too long for a key");
    std::string key = trim(output);
    if (key.empty()) fail(command, "exit 0, no output");
    return key;
}

}  // namespace crm::config::detail
