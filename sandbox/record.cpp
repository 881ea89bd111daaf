#include "record.h"

#include "json_util.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace sandbox {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF).
size_t utf8_sequence(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;  // overlong below
        if (c == 0xED) hi = 0x9F;  // surrogates above
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;  // overlong below
        if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF above
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

bool valid_utf8(std::string_view s) {
    for (size_t i = 0, n = 0; i < s.size(); i += n)
        if ((n = utf8_sequence(s, i)) == 0) return false;
    return true;
}

// s with every byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        if (size_t n = utf8_sequence(s, i)) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::string base64(std::string_view s) {
    static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((s.size() + 2) / 3 * 4);
    for (size_t i = 0; i < s.size(); i += 3) {
        uint32_t v = static_cast<unsigned char>(s[i]) << 16;
        if (i + 1 < s.size()) v |= static_cast<unsigned char>(s[i + 1]) << 8;
        if (i + 2 < s.size()) v |= static_cast<unsigned char>(s[i + 2]);
        out += digits[(v >> 18) & 63];
        out += digits[(v >> 12) & 63];
        out += i + 1 < s.size() ? digits[(v >> 6) & 63] : '=';
        out += i + 2 < s.size() ? digits[v & 63] : '=';
    }
    return out;
}

// A string the writer escapes (quotes, backslashes, control characters and NUL as \uXXXX);
// made valid UTF-8 first, since the writer copies other bytes as they are.
void put(Writer& w, std::string_view s) {
    if (valid_utf8(s)) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    } else {
        std::string fixed = to_valid_utf8(s);
        w.String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        int hi = 0, lo = 0;
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && (hi = hex_value(s[i + 1])) >= 0 &&
                   (lo = hex_value(s[i + 2])) >= 0) {
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

NameValues query_params(const std::string& target) {
    NameValues out;
    auto q = target.find('?');
    if (q == std::string::npos) return out;
    std::string_view rest(target);
    rest.remove_prefix(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view part = rest.substr(0, amp);
        rest.remove_prefix(amp == std::string_view::npos ? rest.size() : amp + 1);
        if (part.empty()) continue;
        auto eq = part.find('=');
        std::string_view value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
        out.emplace_back(percent_decode(part.substr(0, eq)), percent_decode(value));
    }
    return out;
}

std::string redact_key(const std::string& key) {
    return key.size() > 8 ? "****" + key.substr(key.size() - 4) : "****";
}

std::string record_line(const RecordedRequest& r) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("t");
    w.Double(r.t);
    w.Key("method");
    put(w, r.method);
    w.Key("path");
    put(w, r.path);
    w.Key("query");
    w.StartArray();
    for (const auto& [name, value] : query_params(r.target)) {
        w.StartArray();
        put(w, name);
        put(w, ascii_lower(name) == "subscription-key" ? redact_key(value) : value);
        w.EndArray();
    }
    w.EndArray();
    w.Key("headers");
    w.StartObject();
    for (size_t i = 0; i < r.headers.size(); ++i) {
        const auto& [name, value] = r.headers[i];
        if (i > 0 && ascii_lower(r.headers[i - 1].first) == ascii_lower(name)) continue;  // joined below
        std::string joined = value;
        for (size_t j = i + 1; j < r.headers.size() && ascii_lower(r.headers[j].first) == ascii_lower(name); ++j)
            joined += ", " + r.headers[j].second;
        put(w, name);
        put(w, ascii_lower(name) == "ocp-apim-subscription-key" ? redact_key(joined) : joined);
    }
    w.EndObject();
    w.Key("body");
    const bool base64_body = !valid_utf8(r.body);
    put(w, base64_body ? base64(r.body) : r.body);
    if (base64_body) {
        w.Key("bodyEncoding");
        w.String("base64");
    }
    if (r.body_omitted) {
        w.Key("bodyOmitted");
        w.Bool(true);
    }
    w.Key("status");
    w.Int(r.status);
    if (r.dropped) {
        w.Key("dropped");
        w.Bool(true);
    }
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize());
}

RecordFile::RecordFile(const std::string& path)
    : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw std::runtime_error("cannot open the record file " + path + ": " + std::strerror(errno));
}

RecordFile::~RecordFile() { ::close(fd_); }

void RecordFile::append(const std::string& line) {
    std::string out = line + '\n';
    std::lock_guard lock(mu_);
    for (size_t done = 0; done < out.size();) {
        ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {  // a full disk must not take the sandbox down: say so, and go on
            std::fprintf(stderr, "crm-sandbox: --record: a line is lost: %s\n", std::strerror(errno));
            return;
        }
        done += static_cast<size_t>(n);
    }
}

}  // namespace sandbox
