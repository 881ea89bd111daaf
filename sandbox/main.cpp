// crm-sandbox: parses its options and runs the server (everything else is in crm_sandbox_lib).
#include "options.h"
#include "server.h"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    try {
        sandbox::Options o = sandbox::parse_options({argv + 1, argv + argc});
        if (o.help) {
            std::fputs(sandbox::usage().c_str(), stdout);
            return 0;
        }
        return sandbox::run_server(o);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "crm-sandbox: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "crm-sandbox: %s\n", e.what());
        return 1;
    }
}
