#include "faults.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace sandbox {

Faults::Faults(FaultOptions o, uint64_t seed) : o_(o), rng_(seed), window_start_(std::chrono::steady_clock::now()) {}

void Faults::delay() const {
    if (o_.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o_.latency_ms));
}

bool Faults::roll(double p) {
    if (p <= 0) return false;
    if (p >= 1) return true;
    std::lock_guard lock(mu_);
    return std::uniform_real_distribution<double>(0, 1)(rng_) < p;
}

bool Faults::should_fail() { return roll(o_.fail_rate); }
bool Faults::should_drop() { return roll(o_.drop_rate); }

int Faults::rate_limited() {
    if (o_.rate_limit <= 0) return 0;
    using namespace std::chrono;
    std::lock_guard lock(mu_);
    auto now = steady_clock::now();
    if (now - window_start_ >= seconds(1)) {
        window_start_ = now;
        in_window_ = 0;
    }
    if (static_cast<double>(in_window_) < o_.rate_limit) {
        ++in_window_;
        return 0;
    }
    auto left = duration_cast<milliseconds>(window_start_ + seconds(1) - now).count();
    return std::max(1, static_cast<int>((left + 999) / 1000));
}

int64_t Quota::take(const std::string& key, Clock::time_point now) {
    if (requests_ <= 0) return 0;
    std::lock_guard lock(mu_);
    auto [it, opened] = windows_.try_emplace(key, Window{now, 0});
    Window& w = it->second;
    if (!opened && now - w.start >= window_) w = Window{now, 0};
    if (w.used < requests_) {
        ++w.used;
        return 0;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(w.start + window_ - now).count();
    return std::max<int64_t>(1, (left + 999) / 1000);
}

}  // namespace sandbox
