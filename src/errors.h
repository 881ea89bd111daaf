// The few error types that cross the command edge, and the exit codes of CLI.md §5.
// Library code throws these; only main() catches, prints one line and exits.
#pragma once
#include <stdexcept>
#include <string>

namespace crm {

enum ExitCode : int {
    kExitOk = 0,
    kExitUnexpected = 1,
    kExitUsage = 2,
    kExitAuth = 3,
    kExitNotFound = 4,
    kExitRejected = 5,
    kExitRateLimited = 6,
    kExitServer = 7,
    kExitNetwork = 8,
    kExitPartial = 9,
    kExitInterrupted = 130,  // SIGINT
    kExitTerminated = 143,   // SIGTERM
};

// Maps an HTTP status of a failed request to its exit code.
int exit_code_for_status(long status);

// The server's own words in an error body: "message" (the API gateway and the sandbox), else
// "error.message", "error", "title", "detail"; a body that is not such JSON by its first 200
// bytes. Raw text: the reporter escapes it for the terminal.
std::string server_message(const std::string& body);

class Error : public std::runtime_error {
public:
    Error(const std::string& message, int exit_code) : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

private:
    int exit_code_;
};

// Bad flags, an invalid body, a missing --yes: nothing was sent.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error(message, kExitUsage) {}
};

// The server answered with a non-2xx status. The message reads
// "<what failed>: <server message> (HTTP 404, GET /path)[; <hint>]" (CLI.md §5).
class ApiError : public Error {
public:
    ApiError(long status, std::string method, std::string path, std::string server_message,
             const std::string& what = {}, const std::string& hint = {});
    long status() const { return status_; }
    const std::string& method() const { return method_; }
    const std::string& path() const { return path_; }
    const std::string& server_message() const { return server_message_; }

private:
    long status_;
    std::string method_, path_, server_message_;
};

// Could not connect, timed out, TLS failure, connection dropped.
class NetworkError : public Error {
public:
    explicit NetworkError(const std::string& message) : Error(message, kExitNetwork) {}
};

// A multi-id command where some ids failed; each failure was already reported.
class PartialFailure : public Error {
public:
    explicit PartialFailure(const std::string& message) : Error(message, kExitPartial) {}
};

// The reader of our output went away (EPIPE: `crm … | head -1`). Not a failure: the command
// ends at once, quietly, with exit 0 and no further requests (ripgrep's rule).
class BrokenPipe : public Error {
public:
    BrokenPipe() : Error("broken pipe", kExitOk) {}
};

// SIGINT or SIGTERM: the exit code is 128 + the signal (130, 143), as a shell reports it.
// `signal` 0 (none recorded) counts as SIGINT.
class Interrupted : public Error {
public:
    explicit Interrupted(int signal = 2)
        : Error(signal == 15 ? "terminated" : "interrupted", 128 + (signal != 0 ? signal : 2)) {}
};

}  // namespace crm
