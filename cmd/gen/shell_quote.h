// Quoting of the table's strings for the scripts that embed it.
#pragma once
#include <string>
#include <string_view>

namespace crm::cmd::gen {

// $'...' as bash and zsh read it: any text, tabs and newlines included.
std::string ansi_c_quote(std::string_view text);

// '...' as fish reads it (only \\ and \' are escapes there).
std::string fish_quote(std::string_view text);

}  // namespace crm::cmd::gen
