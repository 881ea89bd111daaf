#include "json/compact.h"

#include "json/scan.h"

namespace crm::json::compact {

namespace {

// Past the string starting at p ('"'). Escapes are two bytes or \u00XX, whose hex digits are
// plain bytes, so stepping over the backslash and the next byte is enough.
const char* string_end(const char* p, const char* end) {
    for (++p; p < end;) {
        p = detail::plain_run(p, end);
        if (p >= end) break;
        if (*p == '"') return p + 1;
        p += 2;  // '\\' and the byte after it (no control character is written raw)
    }
    return end;
}

// Past the value starting at p.
const char* value_end(const char* p, const char* end) {
    if (p >= end) return end;
    if (*p == '"') return string_end(p, end);
    if (*p != '{' && *p != '[') {
        while (p < end && *p != ',' && *p != '}' && *p != ']') ++p;
        return p;
    }
    size_t depth = 0;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            p = string_end(p, end);
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return p + 1;
        ++p;
    }
    return end;
}

// Calls on_member(name, value) for each member until it returns false.
template <typename OnMember>
void each_member(std::string_view object, OnMember&& on_member) {
    if (object.empty() || object.front() != '{') return;
    const char* p = object.data() + 1;
    const char* end = object.data() + object.size();
    while (p < end && *p == '"') {
        const char* name_end = string_end(p, end);
        const std::string_view name(p + 1, static_cast<size_t>(name_end - 1 - (p + 1)));
        const char* value = name_end + 1;  // after ':'
        p = value_end(value, end);
        if (!on_member(name, std::string_view(value, static_cast<size_t>(p - value)))) return;
        if (p >= end || *p != ',') return;
        ++p;
    }
}

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

}  // namespace

void members(std::string_view object, std::vector<Member>& out) {
    out.clear();
    each_member(object, [&](std::string_view name, std::string_view value) {
        out.push_back({name, value});
        return true;
    });
}

std::string_view member(std::string_view object, std::string_view key) {
    std::string_view found;
    each_member(object, [&](std::string_view name, std::string_view value) {
        if (!name_is(name, key)) return true;
        found = value;
        return false;
    });
    return found;
}

std::string_view find(std::string_view value, std::string_view dotted_path) {
    while (!dotted_path.empty()) {
        const size_t dot = dotted_path.find('.');
        value = member(value, dotted_path.substr(0, dot));
        if (value.empty()) return {};
        dotted_path = dot == std::string_view::npos ? std::string_view{} : dotted_path.substr(dot + 1);
    }
    return value;
}

std::string decoded(std::string_view written) {
    std::string out;
    out.reserve(written.size());
    for (size_t i = 0; i < written.size(); ++i) {
        if (written[i] != '\\' || i + 1 >= written.size()) {
            out += written[i];
            continue;
        }
        switch (const char c = written[++i]) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u':  // the writer's \u00XX, for control characters only
                if (i + 4 < written.size()) {
                    out += static_cast<char>(hex_value(written[i + 3]) * 16 + hex_value(written[i + 4]));
                    i += 4;
                }
                break;
            default: out += c;  // \" and \\ (the writer writes no other escape)
        }
    }
    return out;
}

bool name_is(std::string_view written, std::string_view key) {
    if (written.find('\\') == std::string_view::npos) return written == key;
    return decoded(written) == key;
}

void append_scalar_text(std::string_view value, std::string& out) {
    if (value.empty() || value == "null") return;
    if (value.front() != '"') {
        out += value;
        return;
    }
    const std::string_view body = value.substr(1, value.size() - 2);
    if (body.find('\\') == std::string_view::npos) {
        out += body;
    } else {
        out += decoded(body);
    }
}

}  // namespace crm::json::compact
