#include "access_log.h"

#include "json_util.h"

#include <fmt/format.h>

namespace sandbox {

std::string redact_target(const std::string& target) {
    auto q = target.find('?');
    if (q == std::string::npos) return target;
    std::string out = target.substr(0, q + 1);
    size_t start = q + 1;
    bool first = true;
    while (start <= target.size()) {
        size_t amp = target.find('&', start);
        if (amp == std::string::npos) amp = target.size();
        std::string part = target.substr(start, amp - start);
        auto eq = part.find('=');
        std::string name = ascii_lower(part.substr(0, eq));
        if (name == "subscription-key" || name == "subscription%2dkey") part = part.substr(0, eq) + "=REDACTED";
        if (!first) out += '&';
        out += part;
        first = false;
        start = amp + 1;
    }
    return out;
}

std::string access_line(const std::string& method, const std::string& target, const std::string& status,
                        double duration_ms) {
    return fmt::format("{} {} {} {:.1f}ms", method, redact_target(target), status, duration_ms);
}

}  // namespace sandbox
