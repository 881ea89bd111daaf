// libjq, opened with dlopen when --jq is first used instead of linked: a command without --jq
// loads neither libjq nor libonig at start-up (each shared object costs every run its loading
// and relocation; issue 10: one GET within 1.15x of curl). jq.cpp calls libjq through libjq().
#pragma once

extern "C" {  // libjq 1.6's headers declare C functions without extern "C" of their own
#include <jq.h>
}

namespace crm::render {

// The libjq functions crm uses, by name: the table and its loader are both made from this list.
#define CRM_JQ_FUNCTIONS(X)                                                                          \
    X(jq_compile_args) X(jq_format_error) X(jq_get_error_message) X(jq_get_exit_code) X(jq_halted)    \
    X(jq_init) X(jq_next) X(jq_set_attr) X(jq_set_debug_cb) X(jq_set_error_cb) X(jq_set_input_cb)     \
    X(jq_start) X(jq_teardown) X(jv_array) X(jv_array_append) X(jv_array_sized) X(jv_copy)           \
    X(jv_dump_string) X(jv_false) X(jv_free) X(jv_get_kind) X(jv_invalid) X(jv_invalid_get_msg)       \
    X(jv_null) X(jv_number) X(jv_number_value) X(jv_object) X(jv_object_set) X(jv_parse_sized)       \
    X(jv_string) X(jv_string_length_bytes) X(jv_string_sized) X(jv_string_value) X(jv_true)

struct JqLib {
#define CRM_JQ_POINTER(name) decltype(&::name) name = nullptr;
    CRM_JQ_FUNCTIONS(CRM_JQ_POINTER)
#undef CRM_JQ_POINTER
};

// The library as Debian's libjq1 installs it.
inline constexpr const char* kJqLibrary = "libjq.so.1";

// Opens `soname` and looks up every function of the table. A library that cannot be opened, or
// lacks one, is crm::Error with exit 1: "--jq needs libjq (Debian package libjq1): <why>".
JqLib open_jq_lib(const char* soname);

// libjq, opened on the first call; the same table after that.
const JqLib& libjq();

}  // namespace crm::render
