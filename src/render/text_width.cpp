#include "render/text_width.h"

#include <clocale>
#include <cwchar>
#include <utility>

namespace crm::render {

namespace {

constexpr std::string_view kEllipsis = "…";

// The code point at text[i] (valid UTF-8: cells are escaped first) and its length in bytes.
std::pair<char32_t, size_t> decode(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[k])); };
    const char32_t c = byte(i);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + n > text.size()) return {c, 1};
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
    return {cp, n};
}

// wcwidth() needs a UTF-8 locale; crm never calls setlocale, so the C.UTF-8 one is used for
// the call alone (glibc has it built in). Without it, every code point counts one column.
class Utf8Locale {
public:
    Utf8Locale() : previous_(utf8() ? uselocale(utf8()) : nullptr) {}
    ~Utf8Locale() {
        if (previous_) uselocale(previous_);
    }
    Utf8Locale(const Utf8Locale&) = delete;
    Utf8Locale& operator=(const Utf8Locale&) = delete;

    // Columns of one code point: 2 for wide (CJK, most emoji), 0 for combining marks.
    int width(char32_t cp) const {
        if (cp < 0x80 || !previous_) return 1;
        const int w = wcwidth(static_cast<wchar_t>(cp));
        return w < 0 ? 1 : w;
    }

private:
    static locale_t utf8() {
        static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
        return locale;
    }
    locale_t previous_;
};

// Display columns of text, and the byte length of its longest prefix that fits in `columns`
// (zero-width marks stay with the character they belong to).
struct Measure {
    size_t width = 0;
    size_t fitting_bytes = 0;
};

Measure measure(std::string_view text, size_t columns = std::string::npos) {
    const Utf8Locale locale;
    Measure m;
    bool fits = true;
    for (size_t i = 0; i < text.size();) {
        const auto [cp, n] = decode(text, i);
        m.width += static_cast<size_t>(locale.width(cp));
        if (fits && m.width > columns) fits = false;
        i += n;
        if (fits) m.fitting_bytes = i;
    }
    return m;
}

}  // namespace

size_t display_width(std::string_view text) { return measure(text).width; }

std::string fit(std::string_view text, size_t columns) {
    if (display_width(text) <= columns) return std::string(text);
    if (columns == 0) return {};
    return std::string(text.substr(0, measure(text, columns - 1).fitting_bytes)).append(kEllipsis);
}

}  // namespace crm::render
