#include "keys.h"

#include <random>

namespace sandbox {
namespace {

// Compares without an early exit, so timing does not reveal a key prefix.
bool same(const std::string& a, const std::string& b) {
    if (a.size() != b.size() || a.empty()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

Access Keys::check(const std::string& presented) const {
    if (same(presented, primary)) return Access::ReadWrite;
    if (same(presented, secondary)) return Access::ReadOnly;
    return Access::Denied;
}

std::string random_key() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string k;
    for (int i = 0; i < 32; ++i) k.push_back(hex[rd() % 16]);
    return k;
}

}  // namespace sandbox
