// The --log access line: METHOD TARGET STATUS DURATION, with the subscription key redacted.
#pragma once
#include <string>

namespace sandbox {

// The request target with the value of every subscription-key query parameter replaced.
std::string redact_target(const std::string& target);
// "GET /pipeline/leads?page=2 200 1.3ms" (status "-" when the connection was dropped).
std::string access_line(const std::string& method, const std::string& target, const std::string& status,
                        double duration_ms);

}  // namespace sandbox
