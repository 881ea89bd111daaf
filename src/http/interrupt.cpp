#include "http/interrupt.h"

#include <atomic>

namespace crm::http {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

}  // namespace

void request_interrupt(int signal) noexcept {
    int none = 0;
    g_signal.compare_exchange_strong(none, signal, std::memory_order_relaxed);  // the first signal decides
}
bool interrupt_requested() noexcept { return g_signal.load(std::memory_order_relaxed) != 0; }
int interrupt_signal() noexcept { return g_signal.load(std::memory_order_relaxed); }
void clear_interrupt() noexcept { g_signal.store(0, std::memory_order_relaxed); }

}  // namespace crm::http
