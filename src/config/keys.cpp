#include "config/keys.h"

#include "config/settings.h"
#include "errors.h"
#include "render/format.h"
#include "term/report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unistd.h>

namespace crm::config {

const std::vector<std::pair<std::string, std::string>>& env_names() {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"base_url", "CRM_BASE_URL"},
        {"api_key", "CRM_API_KEY"},
        {"api_key_command", "CRM_API_KEY_COMMAND"},
        {"api_key_command_timeout", "CRM_API_KEY_COMMAND_TIMEOUT"},
        {"auth", "CRM_AUTH"},
        {"output", "CRM_OUTPUT"},
        {"timeout", "CRM_TIMEOUT"},
        {"retries", "CRM_RETRIES"},
        {"rate", "CRM_RATE"},
        {"cacert", "CRM_CA_BUNDLE"},
        {"tenant_id", "CRM_TENANT_ID"},
        {"user.id", "CRM_USER_ID"},
        {"user.name", "CRM_USER_NAME"},
        {"user.email", "CRM_USER_EMAIL"},
    };
    return names;
}

namespace detail {

const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const auto& [key, env] : env_names()) k.push_back(key);
        return k;
    }();
    return keys;
}

bool is_known_key(std::string_view key) {
    const auto& keys = known_keys();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string known_keys_text() { return fmt::format("{}", fmt::join(known_keys(), ", ")); }

namespace {

// Plain decimal numbers only ("30", "0.5", "1e3"): strtod alone would also take "nan", "inf"
// and hexadecimal, none of which a person means by a number of seconds.
std::optional<double> parse_number(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<long> parse_integer(const std::string& text) {
    long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool has_control_char(const std::string& value) {
    return std::any_of(value.begin(), value.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A number within [low, high]: false for anything else, text included.
bool number_in(const std::string& value, double low, double high) {
    auto n = parse_number(value);
    return n && *n >= low && *n <= high;
}

// The rule a key's value breaks, or empty when it is fine. The ranges keep every later
// conversion defined (seconds to milliseconds, requests per second to an interval) and catch
// typos that would make crm hang for a day or hammer the server.
std::string problem(const std::string& key, const std::string& value) {
    if (key == "auth" && !one_of(value, {"header", "query"})) return "must be header or query";
    if (key == "output" && !render::parse_format(value))
        return fmt::format("must be one of {}", fmt::join(render::format_names(), ", "));
    if (key == "timeout" && !number_in(value, 0.1, 86400)) return "must be a number of seconds from 0.1 to 86400";
    if (key == "api_key_command_timeout" && !number_in(value, 0.1, 3600))
        return "must be a number of seconds from 0.1 to 3600";
    if (key == "rate" && !(number_in(value, 0, 0) || number_in(value, 0.01, 10000)))
        return "must be 0 (no limit) or a number of requests per second from 0.01 to 10000";
    if (key == "retries") {
        auto n = parse_integer(value);
        if (!n || *n < 0 || *n > 100) return "must be an integer from 0 to 100";
    }
    if (key == "base_url" && !(value.starts_with("http://") || value.starts_with("https://")))
        return "must start with http:// or https://";
    // A key or URL with a newline would split an HTTP header line.
    if ((key == "api_key" || key == "base_url") && has_control_char(value))
        return "must not contain control characters";
    if (key == "api_key" && value.empty()) return "must not be empty";
    // Checked here so a wrong path is one clear line, not libcurl's "error setting certificate".
    if (key == "cacert" && ::access(value.c_str(), R_OK) != 0)
        return fmt::format("must name a readable CA bundle (PEM): {}", std::strerror(errno));
    return {};
}

}  // namespace

void validate(const std::string& key, const std::string& value, const std::string& where) {
    std::string why = problem(key, value);
    if (why.empty()) return;
    if (key == "api_key") throw UsageError(fmt::format("{} {}", where, why));  // never the key itself
    throw UsageError(fmt::format("{} {}, got '{}'", where, why, term::escape_controls(value)));
}

}  // namespace detail
}  // namespace crm::config
