// crm: the process around the command line (cmd/run.cpp): signals, the terminal's streams.
#include "http/interrupt.h"
#include "run.h"

#include <malloc.h>

#include <csignal>

namespace {

// SIGINT and SIGTERM (timeout(1), systemctl stop, a CI cancel) only raise the client's
// interrupt flag: transfers end as Failure::aborted, so a bulk run flushes its journal, prints
// its summary and exits 130 or 143. SA_RESETHAND: a second signal kills at once.
void on_stop_signal(int signal) { crm::http::request_interrupt(signal); }

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    // A list walk frees and allocates a page-sized body (50 KB to 1 MB) for every page. glibc
    // gave the top of the heap back to the kernel each time (brk), and served bodies over 128 KB
    // with a fresh mmap: every page was faulted in again, a quarter of an export's wall time
    // (perf, minor faults 18,700 -> 2,500 for 100,000 records). Memory is kept up to these sizes
    // instead. Both are set: setting one turns off glibc's own adjustment of the other.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // A reader that goes away is an EPIPE from write(), handled as the end of the output
    // (check_output), whatever the parent did with SIGPIPE (systemd ignores it, shells do not).
    std::signal(SIGPIPE, SIG_IGN);
    install_stop_handlers();
    auto io = crm::term::Io::system();
    int code = crm::cmd::run(argc, argv, *io);
    io->out().flush();
    io->err().flush();
    return code;
}
