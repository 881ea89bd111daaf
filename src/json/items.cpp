#include "json/items.h"

#include "json/scan.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/writer.h>

#include <charconv>

namespace crm::json {

namespace {

// Nesting deeper than this is left to json::parse, which refuses past kMaxDepth (json.h).
constexpr size_t kMaxScanDepth = 256;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end of a value written exactly as RapidJSON's Writer writes it, or nullptr at the first
// byte it would write otherwise (whitespace, an escape it would not use, a number it would
// reformat) or that is not JSON. Only the first case matters: such a value is then rewritten
// by the SAX path, which also decides whether it is JSON at all.
class Canonical {
public:
    explicit Canonical(const char* end) : end_(end) {}

    const char* value(const char* p, size_t depth) const {
        if (p >= end_) return nullptr;
        switch (*p) {
            case '"': return string(p);
            case '{': return container(p, depth, '}', true);
            case '[': return container(p, depth, ']', false);
            case 't': return literal(p, "true");
            case 'f': return literal(p, "false");
            case 'n': return literal(p, "null");
            default: return number(p);
        }
    }

private:
    const char* container(const char* p, size_t depth, char close, bool object) const {
        if (depth >= kMaxScanDepth) return nullptr;
        ++p;
        if (p < end_ && *p == close) return p + 1;
        while (p) {
            if (object) {
                if (p >= end_ || *p != '"') return nullptr;
                p = string(p);
                if (!p || p >= end_ || *p != ':') return nullptr;
                ++p;
            }
            p = value(p, depth + 1);
            if (!p || p >= end_) return nullptr;
            if (*p == close) return p + 1;
            if (*p != ',') return nullptr;
            ++p;
        }
        return nullptr;
    }

    // Raw bytes from 0x20 up pass through the reader and the writer unchanged (neither
    // validates UTF-8); the writer's only escapes are \" \\ \b \f \n \r \t and \u00XX
    // (upper-case hex) for the other control characters.
    const char* string(const char* p) const {
        for (++p; p < end_; ++p) {
            p = detail::plain_run(p, end_);
            if (p >= end_) break;
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"') return p + 1;
            if (c < 0x20) return nullptr;
            if (c != '\\') continue;
            if (end_ - p < 2) return nullptr;
            switch (p[1]) {
                case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
                    ++p;
                    continue;
                case 'u': {
                    if (end_ - p < 6 || p[2] != '0' || p[3] != '0' || (p[4] != '0' && p[4] != '1')) return nullptr;
                    const char low = p[5];
                    const bool upper_hex = is_digit(low) || (low >= 'A' && low <= 'F');
                    const int code = (p[4] - '0') * 16 + (is_digit(low) ? low - '0' : low - 'A' + 10);
                    if (!upper_hex || code == 0x08 || code == 0x09 || code == 0x0A || code == 0x0C || code == 0x0D)
                        return nullptr;
                    p += 5;
                    continue;
                }
                default: return nullptr;
            }
        }
        return nullptr;
    }

    const char* literal(const char* p, std::string_view word) const {
        if (static_cast<size_t>(end_ - p) < word.size() || std::string_view(p, word.size()) != word) return nullptr;
        return p + word.size();
    }

    // An integer the reader keeps as one (the writer prints the same digits): no fraction or
    // exponent (a double is printed in its shortest form), no -0 (printed 0), no leading zero,
    // and within int64/uint64 (beyond, a double).
    const char* number(const char* p) const {
        const bool negative = *p == '-';
        if (negative) ++p;
        const char* digits = p;
        while (p < end_ && is_digit(*p)) ++p;
        const auto count = static_cast<size_t>(p - digits);
        if (count == 0 || count > (negative ? 18u : 19u)) return nullptr;
        if (*digits == '0' && (count > 1 || negative)) return nullptr;
        if (p < end_ && (*p == '.' || *p == 'e' || *p == 'E')) return nullptr;
        return p;
    }

    const char* end_;
};

// std::string as a RapidJSON output stream.
struct StringOut {
    using Ch = char;
    std::string& text;
    void Put(char c) { text.push_back(c); }
    void Flush() {}
};

// The writer as a SAX handler, refusing nesting deeper than kMaxScanDepth.
class Rewriter : public rapidjson::Writer<StringOut> {
public:
    using Writer::Writer;
    bool StartObject() { return ++depth_ <= kMaxScanDepth && Writer::StartObject(); }
    bool EndObject(rapidjson::SizeType members) { return depth_-- > 0 && Writer::EndObject(members); }
    bool StartArray() { return ++depth_ <= kMaxScanDepth && Writer::StartArray(); }
    bool EndArray(rapidjson::SizeType elements) { return depth_-- > 0 && Writer::EndArray(elements); }

private:
    size_t depth_ = 0;
};

// Walks a page: its structure here, each value through Canonical or else the SAX rewriter.
class PageScanner {
public:
    explicit PageScanner(std::string_view body)
        : p_(body.data()), end_(body.data() + body.size()), canonical_(end_) {}

    bool scan(std::string& text, std::vector<std::pair<size_t, size_t>>& spans, long& total) {
        skip_space();
        if (p_ < end_ && *p_ == '[') return items(text, spans) && at_end();
        if (!take('{')) return false;
        bool seen_items = false, seen_total = false;
        std::string scratch;
        if (take('}')) return false;  // no "items"
        do {
            const std::string_view name = key();
            if (name.data() == nullptr || !take(':')) return false;
            skip_space();
            if (name == "items" && !seen_items) {
                seen_items = true;
                if (p_ >= end_ || *p_ != '[' || !items(text, spans)) return false;
            } else if (name == "total" && !seen_total) {
                seen_total = true;
                if (!total_value(total, scratch)) return false;
            } else {
                scratch.clear();
                if (!value(scratch)) return false;
            }
            skip_space();
        } while (take(','));
        return seen_items && take('}') && at_end();
    }

private:
    void skip_space() {
        while (p_ < end_ && is_space(*p_)) ++p_;
    }

    bool take(char c) {
        skip_space();
        if (p_ >= end_ || *p_ != c) return false;
        ++p_;
        return true;
    }

    bool at_end() {
        skip_space();
        return p_ == end_;
    }

    // A top-level member name, compared as it is written: one with an escape is left to parse().
    std::string_view key() {
        skip_space();
        if (p_ >= end_ || *p_ != '"') return {};
        const char* start = ++p_;
        while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
        if (p_ >= end_ || *p_ != '"') return {};
        return {start, static_cast<size_t>(p_++ - start)};
    }

    // One value at p_, appended to `text` as the writer prints it.
    bool value(std::string& text) {
        if (const char* end = canonical_.value(p_, 0)) {
            text.append(p_, end);
            p_ = end;
            return true;
        }
        rapidjson::MemoryStream in(p_, static_cast<size_t>(end_ - p_));
        StringOut out{text};
        Rewriter writer(out);
        rapidjson::Reader reader;
        constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag |
                                    rapidjson::kParseStopWhenDoneFlag;
        if (reader.Parse<kFlags>(in, writer).IsError()) return false;
        p_ += in.Tell();
        return true;
    }

    bool items(std::string& text, std::vector<std::pair<size_t, size_t>>& spans) {
        ++p_;  // '['
        if (take(']')) return true;
        do {
            skip_space();
            const size_t start = text.size();
            if (!value(text)) return false;
            spans.emplace_back(start, text.size() - start);
        } while (take(','));
        return take(']');
    }

    // "total" as FindMember + IsInt64 sees it: an integer in int64 range, else -1. A number
    // written any other way (-0, 1e3, 100.0) is left to parse().
    bool total_value(long& total, std::string& scratch) {
        scratch.clear();
        const bool number = p_ < end_ && (*p_ == '-' || is_digit(*p_));
        const char* end = canonical_.value(p_, 0);
        if (number && !end) return false;
        if (!value(scratch)) return false;
        long parsed = -1;
        if (number && std::from_chars(scratch.data(), scratch.data() + scratch.size(), parsed).ec == std::errc{})
            total = parsed;
        return true;
    }

    const char* p_;
    const char* end_;
    Canonical canonical_;
};

}  // namespace

bool scan_items(std::string_view body, ItemsText& page) {
    page.text_.clear();
    page.spans_.clear();
    page.total_ = -1;
    return PageScanner(body).scan(page.text_, page.spans_, page.total_);
}

}  // namespace crm::json
