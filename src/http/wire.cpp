#include "http/wire.h"

#include "http/retry.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string_view>

namespace crm::http {
namespace {

struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

constexpr const char* kKeyPlaceholder = "$CRM_API_KEY";

bool is_unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Path bytes that may appear as they are (RFC 3986 pchar and '/'). '%' is kept so that a
// caller who already encoded a segment (an id, through percent_encode) is not encoded twice.
// libcurl's CURLU_URLENCODE would encode '%', ':' and '@' too, so the path is encoded here.
bool is_path_safe(unsigned char c) {
    return is_unreserved(c) || std::string_view("/:@!$&'()*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
}

void append_encoded(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
}

// Every byte `keep` rejects as %XX.
std::string encode_if(std::string_view text, bool (*keep)(unsigned char)) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (keep(c)) out += static_cast<char>(c);
        else append_encoded(out, c);
    }
    return out;
}

void set_part(CURLU* url, CURLUPart part, const char* content, unsigned flags, std::string_view what) {
    if (const CURLUcode rc = curl_url_set(url, part, content, flags); rc != CURLUE_OK) {
        throw std::invalid_argument(std::string(what) + ": " + curl_url_strerror(rc));
    }
}

std::string get_part(CURLU* url, CURLUPart part) {
    char* text = nullptr;
    const CURLUcode rc = curl_url_get(url, part, &text, 0);
    std::unique_ptr<char, decltype(&curl_free)> owned(text, &curl_free);
    if (rc == CURLUE_NO_QUERY || rc == CURLUE_NO_FRAGMENT) return {};
    if (rc != CURLUE_OK) throw std::invalid_argument(std::string("URL: ") + curl_url_strerror(rc));
    return text;
}

UrlPtr new_url() {
    UrlPtr url(curl_url());
    if (!url) throw std::bad_alloc();
    return url;
}

// curl's method for a body: without one GET, with one POST (--data, CURLOPT_POSTFIELDS).
std::string_view implied_method(const Wire& wire) { return wire.body ? "POST" : "GET"; }

std::string single_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    out += '\'';
    return out;
}

// A word as it is when the shell leaves it alone (a method name), else single-quoted.
std::string shell_word(std::string_view text) {
    const bool plain = !text.empty() && std::ranges::all_of(text, [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
    return plain ? std::string(text) : single_quote(text);
}

// The URL up to the key's value (query auth mode), and whether the key was cut off.
std::pair<std::string_view, bool> url_without_key(const Wire& wire) {
    if (wire.auth != AuthMode::query) return {wire.url, false};
    const std::string name = std::string(kKeyQuery) + '=';
    const size_t at = wire.url.rfind(name);
    if (at == std::string::npos) return {wire.url, false};
    return {std::string_view(wire.url).substr(0, at + name.size()), true};
}

bool is_key_header(const std::pair<std::string, std::string>& header, const Wire& wire) {
    return wire.auth == AuthMode::header && header.first == kKeyHeader;
}

}  // namespace

std::string percent_encode(std::string_view text) { return encode_if(text, is_unreserved); }

std::string percent_decode(std::string_view text, bool plus_is_space) {
    if (text.empty()) return {};
    if (text.size() > INT_MAX) throw std::length_error("percent_decode: text too long");
    std::string input(text);
    // '+' first: an encoded plus (%2B) stays a plus.
    if (plus_is_space) std::replace(input.begin(), input.end(), '+', ' ');
    int length = 0;
    // The handle argument is ignored since libcurl 7.82.
    char* decoded = curl_easy_unescape(nullptr, input.data(), static_cast<int>(input.size()), &length);
    if (!decoded) throw std::bad_alloc();
    std::string out(decoded, static_cast<size_t>(length));
    curl_free(decoded);
    return out;
}

Wire prepare(const ClientConfig& config, const Request& request) {
    Wire wire;
    wire.method = request.method;
    wire.auth = config.auth;
    wire.key = config.api_key;
    wire.fresh_connect = !is_idempotent(request);

    // The URL, through libcurl's URL API: the base is parsed (and refused when malformed) by
    // the parser libcurl itself will use; its own path is a prefix of every request path.
    UrlPtr url = new_url();
    set_part(url.get(), CURLUPART_URL, config.base_url.c_str(), 0, "invalid base URL '" + config.base_url + "'");
    set_part(url.get(), CURLUPART_FRAGMENT, nullptr, 0, "base URL");
    std::string path = get_part(url.get(), CURLUPART_PATH);
    while (path.ends_with('/')) path.pop_back();
    if (!request.path.starts_with('/')) path += '/';
    path += encode_if(request.path, is_path_safe);
    set_part(url.get(), CURLUPART_PATH, path.c_str(), 0, "invalid path '" + request.path + "'");
    // Names and values are encoded here rather than with CURLU_URLENCODE, which leaves '+' and
    // the first '=' as they are and writes a space as '+': a value must come back unchanged.
    for (const auto& [name, value] : request.query) {
        const std::string pair = percent_encode(name) + '=' + percent_encode(value);
        set_part(url.get(), CURLUPART_QUERY, pair.c_str(), CURLU_APPENDQUERY, "query");
    }
    if (config.auth == AuthMode::query) {
        // Always there, even empty: a dry run does not know the key, yet prints where it goes.
        const std::string pair = std::string(kKeyQuery) + '=' + percent_encode(config.api_key);
        set_part(url.get(), CURLUPART_QUERY, pair.c_str(), CURLU_APPENDQUERY, "query");
    }
    // Read back through a fresh parse: the URL exactly as libcurl will request it (escapes
    // as libcurl writes them, dot segments resolved).
    const std::string built = get_part(url.get(), CURLUPART_URL);
    UrlPtr parsed = new_url();
    set_part(parsed.get(), CURLUPART_URL, built.c_str(), 0, "URL");
    wire.url = get_part(parsed.get(), CURLUPART_URL);
    if (config.auth == AuthMode::query) {
        const std::string name = std::string(kKeyQuery) + '=';
        wire.key_in_url = wire.url.substr(wire.url.rfind(name) + name.size());
    }

    wire.headers.emplace_back("Accept", "application/json");
    // In the list rather than CURLOPT_USERAGENT, so `curl -H` puts it in the same place.
    wire.headers.emplace_back("User-Agent", config.user_agent);
    // Without this, libcurl waits up to a second for a "100 Continue" before large bodies.
    wire.headers.emplace_back("Expect", "");
    // With no body, an empty Content-Type stops libcurl from labelling an empty POST a form.
    wire.headers.emplace_back("Content-Type", request.body ? "application/json" : "");
    if (config.auth == AuthMode::header) wire.headers.emplace_back(kKeyHeader, config.api_key);

    wire.body = request.body;
    // A bodiless POST still says "Content-Length: 0", as proxies expect.
    if (!wire.body && request.method == "POST") wire.body.emplace();
    wire.custom_method = request.method != implied_method(wire) && request.method != "HEAD";
    return wire;
}

std::string as_curl(const Wire& wire) {
    std::string command = "curl";
    if (wire.method == "HEAD") command += " -I";
    else if (wire.custom_method) command += " -X " + shell_word(wire.method);

    // Adjacent quoted strings are one shell word: '...&subscription-key='"$CRM_API_KEY"
    const auto [url, keyed] = url_without_key(wire);
    command += ' ' + single_quote(url);
    if (keyed) command += std::string("\"") + kKeyPlaceholder + '"';
    // curl reads [] and {} in a URL as ranges and sets unless told not to.
    if (url.find_first_of("[]{}") != std::string_view::npos) command += " -g";

    for (const auto& header : wire.headers) {
        if (is_key_header(header, wire)) {
            command += " -H \"" + header.first + ": " + kKeyPlaceholder + '"';
        } else {
            command += " -H " + single_quote(header.second.empty() ? header.first + ':' : header.first + ": " + header.second);
        }
    }
    if (wire.body) {
        // --data-binary sends the bytes as they are, but reads a file for a leading '@'.
        command += wire.body->starts_with('@') ? " --data-raw " : " --data-binary ";
        command += single_quote(*wire.body);
    }
    return command;
}

std::string as_text(const Wire& wire) {
    const auto [url, keyed] = url_without_key(wire);
    // The request target: what follows the authority.
    std::string_view target = url;
    if (const size_t scheme = target.find("://"); scheme != std::string_view::npos) {
        const size_t slash = target.find('/', scheme + 3);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    std::string text = wire.method + ' ' + std::string(target);
    if (keyed) text += kKeyPlaceholder;
    text += '\n';
    for (const auto& header : wire.headers) {
        text += header.first + ':';
        if (is_key_header(header, wire)) text += std::string(" ") + kKeyPlaceholder;
        else if (!header.second.empty()) text += ' ' + header.second;
        text += '\n';
    }
    if (wire.body) text += '\n' + *wire.body;
    return text;
}

}  // namespace crm::http
