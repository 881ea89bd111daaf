#include "render/jq_lib.h"

#include "errors.h"

#include <fmt/format.h>

#include <dlfcn.h>

namespace crm::render {

namespace {

[[noreturn]] void missing(const char* why) {
    throw Error(fmt::format("--jq needs libjq (Debian package libjq1): {}", why ? why : "cannot be loaded"),
                kExitUnexpected);
}

}  // namespace

JqLib open_jq_lib(const char* soname) {
    // Never closed: jq values and the compiled program live until the process ends.
    void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) missing(dlerror());
    JqLib lib;
#define CRM_JQ_LOOKUP(name)                                                              \
    lib.name = reinterpret_cast<decltype(lib.name)>(dlsym(handle, #name));               \
    if (!lib.name) missing(dlerror());
    CRM_JQ_FUNCTIONS(CRM_JQ_LOOKUP)
#undef CRM_JQ_LOOKUP
    return lib;
}

const JqLib& libjq() {
    // A failed open throws out of the initialisation, which the next call tries again.
    static const JqLib lib = open_jq_lib(kJqLibrary);
    return lib;
}

}  // namespace crm::render
