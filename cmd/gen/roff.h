// Text made safe for roff (man --warnings stays silent on it).
#pragma once
#include <string>
#include <string_view>

namespace crm::cmd::gen {

// Escapes backslashes, writes '-' as \- (a real minus: options copy-paste right), other
// characters beyond ASCII as \[uXXXX], and guards a leading '.' or '\'' (a control line).
std::string roff(std::string_view text);

// A macro argument: roff() text in double quotes (embedded quotes as \(dq).
std::string roff_arg(std::string_view text);

}  // namespace crm::cmd::gen
