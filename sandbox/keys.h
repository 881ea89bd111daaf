// Subscription keys: the primary key reads and writes, the secondary key only reads.
#pragma once
#include <string>

namespace sandbox {

enum class Access { Denied, ReadOnly, ReadWrite };

struct Keys {
    std::string primary;
    std::string secondary;
    Access check(const std::string& presented) const;
};

// 32 random hex characters.
std::string random_key();

inline constexpr const char* kInvalidKeyMessage =
    "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.";
inline constexpr const char* kReadOnlyMessage =
    "The secondary key is read-only: use the primary key for POST, PUT, PATCH and DELETE requests.";

}  // namespace sandbox
