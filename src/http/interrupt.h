// The process-wide "stop now" flag. A SIGINT handler (outside the library) sets it; the client
// polls it between libcurl steps and ends every transfer with Failure::aborted.
#pragma once

namespace crm::http {

// Async-signal-safe: a store to a lock-free atomic, nothing else.
void request_interrupt() noexcept;
bool interrupt_requested() noexcept;
// For tests and for a process that keeps going after handling an interrupt.
void clear_interrupt() noexcept;

}  // namespace crm::http
