#include "config/keys.h"

#include "config/settings.h"
#include "errors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace crm::config {

const std::vector<std::pair<std::string, std::string>>& env_names() {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"base_url", "CRM_BASE_URL"},
        {"api_key", "CRM_API_KEY"},
        {"api_key_command", "CRM_API_KEY_COMMAND"},
        {"auth", "CRM_AUTH"},
        {"output", "CRM_OUTPUT"},
        {"timeout", "CRM_TIMEOUT"},
        {"retries", "CRM_RETRIES"},
        {"rate", "CRM_RATE"},
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

// strtod accepts the whole text or nothing: "30s" and "" are not numbers.
std::optional<double> parse_number(const std::string& text) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
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

// The rule a key's value breaks, or empty when it is fine.
std::string problem(const std::string& key, const std::string& value) {
    if (key == "auth" && !one_of(value, {"header", "query"})) return "must be header or query";
    if (key == "output" && !one_of(value, {"table", "json", "ndjson", "csv", "tsv", "ids"}))
        return "must be one of table, json, ndjson, csv, tsv, ids";
    if (key == "timeout") {
        auto n = parse_number(value);
        if (!n || *n <= 0) return "must be a number of seconds greater than 0";
    }
    if (key == "rate") {
        auto n = parse_number(value);
        if (!n || *n < 0) return "must be a number of requests per second, 0 or more";
    }
    if (key == "retries") {
        auto n = parse_integer(value);
        if (!n || *n < 0 || *n > 20) return "must be an integer from 0 to 20";
    }
    if (key == "base_url" && !(value.starts_with("http://") || value.starts_with("https://")))
        return "must start with http:// or https://";
    // A key or URL with a newline would split an HTTP header line.
    if ((key == "api_key" || key == "base_url") && has_control_char(value))
        return "must not contain control characters";
    if (key == "api_key" && value.empty()) return "must not be empty";
    return {};
}

}  // namespace

void validate(const std::string& key, const std::string& value, const std::string& where) {
    std::string why = problem(key, value);
    if (why.empty()) return;
    if (key == "api_key") throw UsageError(fmt::format("invalid api_key (from {}): {}", where, why));
    throw UsageError(fmt::format("invalid {} '{}' (from {}): {}", key, value, where, why));
}

}  // namespace detail
}  // namespace crm::config
