// api_key_command: a command whose standard output is the API key (for secret managers).
#pragma once
#include <string>

namespace crm::config::detail {

// Runs `command` with /bin/sh -c (stdin and stderr inherited, so a secret manager can ask
// for a passphrase) and returns its standard output, trimmed. Throws crm::UsageError
// "api_key_command failed (exit N)" when it fails or prints nothing; the output itself is
// never put in a message.
std::string run_key_command(const std::string& command);

}  // namespace crm::config::detail
