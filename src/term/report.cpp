#include "term/report.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

#include <ostream>

namespace crm::term {

namespace {

// Length of the UTF-8 sequence starting at text[i], 0 when it is not a valid one.
size_t utf8_length(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF.
    if (n == 3 && ((c == 0xE0 && byte(i + 1) < 0xA0) || (c == 0xED && byte(i + 1) >= 0xA0))) return 0;
    if (n == 4 && ((c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
    return n;
}

void write_json_line(std::ostream& out, std::string_view kind, const Problem& p) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto text = [&w](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
    w.StartObject();
    text(kind);
    w.StartObject();
    if (p.status != 0) {
        w.Key("status");
        w.Int64(p.status);
    }
    if (!p.method.empty()) {
        w.Key("method");
        text(p.method);
    }
    if (!p.path.empty()) {
        w.Key("path");
        text(p.path);
    }
    if (!p.id.empty()) {
        w.Key("id");
        text(p.id);
    }
    w.Key("message");
    text(p.detail.empty() ? p.message : p.detail);
    if (p.exit != 0) {
        w.Key("exit");
        w.Int(p.exit);
    }
    w.EndObject();
    w.EndObject();
    out << buffer.GetString() << '\n' << std::flush;
}

}  // namespace

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case 0x1B: out += "\\e"; break;
                default: out += fmt::format("\\x{:02x}", c);
            }
            ++i;
            continue;
        }
        const size_t n = utf8_length(text, i);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));  // C1 control
            i += 2;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

void Reporter::error(const Problem& problem) {
    if (json_) return write_json_line(err_, "error", problem);
    err_ << "crm: " << escape_controls(problem.message) << '\n' << std::flush;
}

void Reporter::warning(std::string_view message) {
    if (json_) return write_json_line(err_, "warning", {.message = std::string(message)});
    err_ << "crm: warning: " << escape_controls(message) << '\n' << std::flush;
}

void Reporter::note(std::string_view message) {
    if (json_) return write_json_line(err_, "note", {.message = std::string(message)});
    err_ << escape_controls(message) << '\n' << std::flush;
}

void Reporter::trace(std::string_view line) {
    if (json_) return write_json_line(err_, "trace", {.message = std::string(line)});
    err_ << escape_controls(line) << '\n' << std::flush;
}

}  // namespace crm::term
