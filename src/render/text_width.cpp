#include "render/text_width.h"

#include <algorithm>

namespace crm::render {

namespace {

constexpr std::string_view kEllipsis = "…";

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Byte length of the first `columns` code points of text.
size_t prefix_bytes(std::string_view text, size_t columns) {
    size_t seen = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (starts_code_point(text[i]) && seen++ == columns) return i;
    }
    return text.size();
}

}  // namespace

size_t display_width(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), starts_code_point));
}

std::string fit(std::string_view text, size_t columns) {
    if (display_width(text) <= columns) return std::string(text);
    if (columns == 0) return {};
    return std::string(text.substr(0, prefix_bytes(text, columns - 1))).append(kEllipsis);
}

}  // namespace crm::render
