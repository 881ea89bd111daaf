// The colour decision, in one place (see the rules in io.h).
#include "term/io.h"

#include <string_view>

namespace crm::term {

namespace {

bool set_and_not_empty(const char* value) { return value != nullptr && *value != '\0'; }

}  // namespace

bool dumb_terminal(const char* (*getenv_fn)(const char*)) {
    const char* term = getenv_fn("TERM");
    return term != nullptr && std::string_view(term) == "dumb";
}

bool decide_color(bool is_tty, const char* (*getenv_fn)(const char*)) {
    // NO_COLOR wins, even over the force variables: it is the user's standing "never", the
    // force variables are usually set by a CI system. Only a non-empty value counts
    // (no-color.org), so `NO_COLOR=` in a wrapper script does not turn colour off.
    if (set_and_not_empty(getenv_fn("NO_COLOR"))) return false;
    for (const char* name : {"CLICOLOR_FORCE", "FORCE_COLOR"}) {
        const char* value = getenv_fn(name);
        if (set_and_not_empty(value) && std::string_view(value) != "0") return true;
    }
    // A terminal that says it understands no escape sequences gets none (ninja's smart-terminal
    // rule); asking for them by name still works.
    return is_tty && !dumb_terminal(getenv_fn);
}

}  // namespace crm::term
