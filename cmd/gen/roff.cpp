#include "gen/roff.h"

#include <fmt/format.h>

#include <cstdint>

namespace crm::cmd::gen {

namespace {

// Decodes the UTF-8 sequence starting at text[i] and advances i past it.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto byte = static_cast<unsigned char>(text[i++]);
    int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 0 ? byte : byte & (0x3F >> extra);
    for (; extra > 0 && i < text.size(); --extra) cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
    return cp;
}

}  // namespace

std::string roff(std::string_view text) {
    std::string out;
    if (!text.empty() && (text[0] == '.' || text[0] == '\'')) out += "\\&";
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            out += fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(next_code_point(text, i)));
            continue;
        }
        ++i;
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    return out;
}

std::string roff_arg(std::string_view text) {
    std::string out = "\"";
    for (char c : roff(text)) {
        if (c == '"') {
            out += "\\(dq";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace crm::cmd::gen
