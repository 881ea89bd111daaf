// The process-wide "stop now" flag. A SIGINT or SIGTERM handler (outside the library) sets it;
// the client polls it between libcurl steps and ends every transfer with Failure::aborted.
#pragma once

namespace crm::http {

// Async-signal-safe: stores to lock-free atomics, nothing else. `signal` is the signal that
// asked (SIGINT by default); the exit code follows it (130 or 143, CLI.md §5).
void request_interrupt(int signal = 2) noexcept;
bool interrupt_requested() noexcept;
// The signal that asked to stop, 0 when none did.
int interrupt_signal() noexcept;
// For tests and for a process that keeps going after handling an interrupt.
void clear_interrupt() noexcept;

}  // namespace crm::http
