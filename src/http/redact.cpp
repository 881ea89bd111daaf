// Keys never leave the process in clear: every log line and error text goes through here.
// And what --debug shows of a body, once it is redacted.
#include "http/client.h"

namespace crm::http {

std::string redact_key(std::string_view key) {
    // A short key would be guessable from its tail, so it shows nothing at all.
    if (key.size() < 12) return "****";
    return "****" + std::string(key.substr(key.size() - 4));
}

std::string redact(std::string_view text, std::string_view key) {
    if (key.empty()) return std::string(text);
    const std::string masked = redact_key(key);
    std::string out;
    out.reserve(text.size());
    size_t from = 0;
    for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, from)) {
        out.append(text.substr(from, at - from));
        out += masked;
        from = at + key.size();
    }
    out.append(text.substr(from));
    return out;
}

std::string_view body_excerpt(std::string_view body, size_t limit) {
    if (body.size() <= limit) return body;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
    return body.substr(0, cut);
}

}  // namespace crm::http
