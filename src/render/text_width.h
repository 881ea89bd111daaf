// Display widths of UTF-8 text, for the aligned table and the report charts: wcwidth() under
// C.UTF-8, so a CJK character takes two columns and a combining mark none.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace crm::render {

size_t display_width(std::string_view text);

// Text cut to at most `columns` display columns, ending in "…" when something was cut.
std::string fit(std::string_view text, size_t columns);

}  // namespace crm::render
