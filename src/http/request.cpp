#include "http/request.h"

#include <algorithm>
#include <cctype>
#include <ranges>

namespace crm::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
    // The last one wins: after a 1xx or a retry inside libcurl, the final answer's headers come last.
    for (const auto& [key, value] : std::views::reverse(headers)) {
        if (iequals(key, name)) return value;
    }
    return std::nullopt;
}

std::string_view failure_name(Failure failure) {
    switch (failure) {
        case Failure::none: return "none";
        case Failure::connect: return "connect";
        case Failure::timeout: return "timeout";
        case Failure::dropped: return "dropped";
        case Failure::tls: return "tls";
        case Failure::too_large: return "too_large";
        case Failure::aborted: return "aborted";
        case Failure::not_sent: return "not sent";
        case Failure::other: return "other";
    }
    return "other";
}

}  // namespace crm::http
