#include "http/url.h"

#include <cctype>
#include <string_view>

namespace crm::http {
namespace {

bool is_unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Path bytes that may appear as they are (RFC 3986 pchar and '/'). '%' is kept so that a
// caller who already encoded a segment is not encoded twice.
bool is_path_safe(unsigned char c) {
    return is_unreserved(c) || std::string_view("/:@!$&'()*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
}

void append_encoded(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
}

std::string encode_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (unsigned char c : path) {
        if (is_path_safe(c)) out += static_cast<char>(c);
        else append_encoded(out, c);
    }
    return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (is_unreserved(c)) out += static_cast<char>(c);
        else append_encoded(out, c);
    }
    return out;
}

std::string url_for(const ClientConfig& config, const Request& request) {
    std::string_view base = config.base_url;
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    std::string url(base);
    url += encode_path(request.path);
    char separator = '?';
    for (const auto& [name, value] : request.query) {
        url += separator;
        url += percent_encode(name);
        url += '=';
        url += percent_encode(value);
        separator = '&';
    }
    return url;
}

std::string request_url(const ClientConfig& config, const Request& request) {
    std::string url = url_for(config, request);
    if (config.auth == AuthMode::query && !config.api_key.empty()) {
        url += request.query.empty() ? '?' : '&';
        url += kKeyQuery;
        url += '=';
        url += percent_encode(config.api_key);
    }
    return url;
}

}  // namespace crm::http
