#include "http/interrupt.h"

#include <atomic>

namespace crm::http {
namespace {

// The signal that asked to stop, 0 while none did.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

}  // namespace

void request_interrupt(int signal) noexcept { g_signal.store(signal != 0 ? signal : SIGINT, std::memory_order_relaxed); }
bool interrupt_requested() noexcept { return interrupt_signal() != 0; }
int interrupt_signal() noexcept { return g_signal.load(std::memory_order_relaxed); }
void clear_interrupt() noexcept { g_signal.store(0, std::memory_order_relaxed); }

}  // namespace crm::http
