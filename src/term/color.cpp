// The colour decision, in one place (see the rules in io.h).
#include "term/io.h"

#include <string_view>

namespace crm::term {

bool decide_color(bool is_tty, const char* (*getenv_fn)(const char*)) {
    // NO_COLOR wins whatever its value, even over the force variables: it is the user's
    // standing "never", the force variables are usually set by a CI system.
    if (getenv_fn("NO_COLOR") != nullptr) return false;
    for (const char* name : {"CLICOLOR_FORCE", "FORCE_COLOR"}) {
        const char* value = getenv_fn(name);
        if (value != nullptr && *value != '\0' && std::string_view(value) != "0") return true;
    }
    return is_tty;
}

}  // namespace crm::term
