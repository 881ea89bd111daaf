// api_key_command: a command whose standard output is the API key (for secret managers).
#pragma once
#include <string>

namespace crm::config::detail {

// Runs `command` with /bin/sh -c (stdin and stderr inherited, so a secret manager can ask
// for a passphrase) and returns its standard output, trimmed. A command that fails, prints
// nothing or is still running after `timeout_s` seconds (then it is killed) is an
// authentication error (crm::Error, exit 3) naming the command; its output is never put in
// a message.
std::string run_key_command(const std::string& command, double timeout_s);

}  // namespace crm::config::detail
