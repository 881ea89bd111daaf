// The process-wide "stop now" flag. A SIGINT or SIGTERM handler (outside the library) sets it;
// the client polls it between libcurl steps and ends every transfer with Failure::aborted.
#pragma once
#include <csignal>

namespace crm::http {

// Async-signal-safe: a store to a lock-free atomic, nothing else. `signal` is the signal that
// asked (SIGINT, SIGTERM), so the command can exit 128 + signal.
void request_interrupt(int signal = SIGINT) noexcept;
bool interrupt_requested() noexcept;
// The signal passed to request_interrupt, 0 when none was requested.
int interrupt_signal() noexcept;
// For tests and for a process that keeps going after handling an interrupt.
void clear_interrupt() noexcept;

}  // namespace crm::http
