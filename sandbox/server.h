// The HTTP front of the sandbox: cpp-httplib, keys, faults, access log, start-up lines.
#pragma once
#include "options.h"

namespace sandbox {

// Runs the sandbox until SIGINT/SIGTERM. Returns the process exit code.
int run_server(const Options& options);

}  // namespace sandbox
