// The whole command line, for main(): kept free of CLI11 so that main.cpp compiles in a blink.
#pragma once
#include "term/io.h"

namespace crm::cmd {

// Parses argv, runs the chosen command with `io` and returns the exit code of CLI.md §5;
// every failure has been reported on io's stderr.
int run(int argc, char** argv, term::Io& io);

}  // namespace crm::cmd
