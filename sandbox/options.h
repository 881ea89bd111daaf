// Command-line options of crm-sandbox.
#pragma once
#include "api.h"
#include "faults.h"

#include <optional>
#include <string>
#include <vector>

namespace sandbox {

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string db;  // empty: in memory
    std::string primary_key, secondary_key;  // empty: random
    int64_t seed_records = 0;
    ListPolicy lists;
    FaultOptions faults;
    bool log = false;
    std::string record;  // --record FILE; empty: none
    int threads = 64;  // keep-alive connections hold a worker each
    bool help = false;
};

// Throws std::invalid_argument with a one-line message on a bad command line.
Options parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace sandbox
