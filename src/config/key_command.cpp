#include "config/key_command.h"

#include "errors.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
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

[[noreturn]] void fail(const std::string& why) { throw UsageError("api_key_command failed (" + why + ")"); }

pid_t spawn_shell(const std::string& command, int stdout_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    pid_t pid = -1;
    int rc = ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) fail(fmt::format("cannot start /bin/sh: {}", std::strerror(rc)));
    return pid;
}

// Reads everything the child writes, keeping at most kMaxOutput + 1 bytes.
std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (out.size() <= kMaxOutput) out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) fail(fmt::format("cannot wait for it: {}", std::strerror(errno)));
    }
    return status;
}

}  // namespace

std::string run_key_command(const std::string& command) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    pid_t pid = -1;
    try {
        pid = spawn_shell(command, fds[1]);
    } catch (...) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw;
    }
    ::close(fds[1]);
    std::string output = read_all(fds[0]);
    ::close(fds[0]);
    int status = wait_for(pid);

    if (WIFSIGNALED(status)) fail(fmt::format("killed by signal {}", WTERMSIG(status)));
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code != 0) fail(fmt::format("exit {}", code));
    if (output.size() > kMaxOutput) fail("exit 0, output too long for a key");
    std::string key = trim(output);
    if (key.empty()) fail("exit 0, no output");
    return key;
}

}  // namespace crm::config::detail
