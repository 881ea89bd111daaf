// libjq behind JqProgram, called through libjq() (jq_lib.h: opened on the first --jq). libjq's
// rule: every jv function consumes (frees) its jv arguments and returns a new reference, except
// jv_copy and the few that only look (jv_get_kind, jv_string_value, jv_number_value). Here every
// jv is owned by a Jv, which frees it once, or handed to a consuming call with release(); a call
// that must not take ours gets copy().
#include "render/jq.h"

#include "render/jq_lib.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <climits>
#include <new>

namespace crm::render {

namespace {

class Jv {
public:
    explicit Jv(jv value) noexcept : value_(value) {}
    Jv(Jv&& other) noexcept : value_(other.release()) {}
    Jv& operator=(Jv&& other) noexcept {
        if (this != &other) {
            libjq().jv_free(value_);
            value_ = other.release();
        }
        return *this;
    }
    Jv(const Jv&) = delete;
    Jv& operator=(const Jv&) = delete;
    ~Jv() { libjq().jv_free(value_); }  // an invalid without a message holds no memory: freeing it is a no-op

    jv_kind kind() const { return libjq().jv_get_kind(value_); }
    const jv& peek() const { return value_; }  // for the calls that only look
    jv copy() const { return libjq().jv_copy(value_); }  // a new reference, for a call that consumes
    jv release() noexcept {                       // ours, handed to a call that consumes it
        jv out = value_;
        value_ = libjq().jv_invalid();
        return out;
    }

private:
    jv value_;
};

int jq_size(size_t size) {
    if (size > static_cast<size_t>(INT_MAX)) throw Error("--jq: a value is too large for jq", kExitUnexpected);
    return static_cast<int>(size);
}

// RapidJSON → jq, the way jq reads the JSON text crm would print for the value: numbers as
// doubles (RapidJSON parses them with full precision, as jq does), strings as bytes (jq puts
// U+FFFD for invalid UTF-8, as its parser does), duplicate keys: the last one wins. Recursive:
// parsed values are at most json::kMaxDepth deep.
Jv to_jv(const json::Value& value) {
    switch (value.GetType()) {
        case rapidjson::kNullType: return Jv(libjq().jv_null());
        case rapidjson::kFalseType: return Jv(libjq().jv_false());
        case rapidjson::kTrueType: return Jv(libjq().jv_true());
        case rapidjson::kNumberType: return Jv(libjq().jv_number(value.GetDouble()));
        case rapidjson::kStringType:
            return Jv(libjq().jv_string_sized(value.GetString(), jq_size(value.GetStringLength())));
        case rapidjson::kArrayType: {
            Jv array(libjq().jv_array_sized(jq_size(value.Size())));
            for (const auto& item : value.GetArray()) {
                Jv converted = to_jv(item);
                array = Jv(libjq().jv_array_append(array.release(), converted.release()));
            }
            return array;
        }
        case rapidjson::kObjectType: {
            Jv object(libjq().jv_object());
            for (const auto& member : value.GetObject()) {
                Jv key(libjq().jv_string_sized(member.name.GetString(), jq_size(member.name.GetStringLength())));
                Jv converted = to_jv(member.value);
                object = Jv(libjq().jv_object_set(object.release(), key.release(), converted.release()));
            }
            return object;
        }
    }
    return Jv(libjq().jv_null());  // unreachable: every RapidJSON type is handled above
}

// A string's bytes, NULs included.
std::string string_text(const Jv& string) {
    const int length = libjq().jv_string_length_bytes(string.copy());
    return std::string(libjq().jv_string_value(string.peek()), static_cast<size_t>(length));
}

// Compact JSON, as `jq -c` prints it.
std::string json_text(const Jv& value) { return string_text(Jv(libjq().jv_dump_string(value.copy(), 0))); }

// A result as crm prints it: a string raw (`jq -r`), anything else compact JSON.
std::string result_text(const Jv& value) { return value.kind() == JV_KIND_STRING ? string_text(value) : json_text(value); }

// An error value in jq's words: a string as it is, anything else as JSON, as jq says it.
std::string error_text(const Jv& message) {
    return message.kind() == JV_KIND_STRING ? string_text(message) : json_text(message) + " (not a string)";
}

// Without the trailing characters in `chars`.
std::string trimmed_right(std::string text, std::string_view chars) {
    while (!text.empty() && chars.find(text.back()) != std::string_view::npos) text.pop_back();
    return text;
}

}  // namespace

struct JqProgram::Callbacks {
    std::vector<std::string> errors;  // compile errors, as jq reports them
    std::vector<std::string> said;    // debug output, until handed to `say` outside libjq
    Say say;

    void flush() {
        auto lines = std::move(said);
        said.clear();
        if (!say) return;
        for (const auto& line : lines) say(line);
    }

    // libjq calls these from C: they must not throw, and they own the jv they get.
    static void on_error(void* data, jv raw) {
        Jv message(libjq().jq_format_error(raw));  // "jq: error: ..." text, whatever jq handed over
        try {
            static_cast<Callbacks*>(data)->errors.push_back(
                message.kind() == JV_KIND_STRING ? string_text(message) : std::string("unknown error"));
        } catch (...) {  // out of memory: the message is lost, the compile still fails
        }
    }

    static void on_debug(void* data, jv raw) {
        // jq prints ["DEBUG:",value] on stderr; crm hands the same text to `say`.
        const JqLib& jq = libjq();
        Jv line(jq.jv_array_append(jq.jv_array_append(jq.jv_array(), jq.jv_string("DEBUG:")), raw));
        try {
            static_cast<Callbacks*>(data)->said.push_back(json_text(line));
        } catch (...) {
        }
    }
};

namespace {

// `input` and `inputs`: each run has one input, so there is never a next one.
jv no_more_input(jq_state*, void*) { return libjq().jv_invalid(); }

// jq's compile errors as one line: "syntax error, unexpected ... at <top-level>, line 1",
// without jq's "jq: error: " prefix, the echo of the program and the "N compile errors" count.
std::string compile_message(const std::vector<std::string>& errors) {
    std::vector<std::string> parts;
    for (std::string text : errors) {
        if (text.starts_with("jq: ") && text.find(" compile error") != std::string::npos) continue;
        if (text.starts_with("jq: error: ")) text.erase(0, 11);
        text = trimmed_right(text.substr(0, text.find('\n')), " :");
        if (!text.empty()) parts.push_back(std::move(text));
    }
    if (parts.empty()) return "--jq: the expression does not compile";
    return fmt::format("--jq: {}", fmt::join(parts, "; "));
}

}  // namespace

void JqProgram::StateFree::operator()(jq_state* state) const { libjq().jq_teardown(&state); }

struct JqArray::Items {
    Jv array{libjq().jv_array()};
};

JqArray::JqArray() : items_(std::make_unique<Items>()) {}
JqArray::~JqArray() = default;

void JqArray::push(const json::Value& value) {
    Jv converted = to_jv(value);
    items_->array = Jv(libjq().jv_array_append(items_->array.release(), converted.release()));
    ++size_;
}

JqProgram::JqProgram(const std::string& expression, Say say) : callbacks_(std::make_unique<Callbacks>()) {
    callbacks_->say = std::move(say);
    if (expression.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError("--jq needs an expression ('.' for the whole record)");
    if (expression.find('\0') != std::string::npos) throw UsageError("--jq: the expression contains a NUL byte");
    const JqLib& jq = libjq();  // crm::Error when libjq is not installed
    state_.reset(jq.jq_init());
    if (!state_) throw std::bad_alloc();
    // Before anything else: libjq's own error callback prints on stderr, and the debug and input
    // callbacks are left unset by jq_init (`debug` or `input` would crash).
    jq.jq_set_error_cb(state_.get(), Callbacks::on_error, callbacks_.get());
    jq.jq_set_debug_cb(state_.get(), Callbacks::on_debug, callbacks_.get());
    jq.jq_set_input_cb(state_.get(), no_more_input, nullptr);
    jq.jq_set_attr(state_.get(), jq.jv_string("JQ_LIBRARY_PATH"), jq.jv_array());
    // $ARGS, as `jq` defines it when given no --arg or --args.
    jv args = jq.jv_object_set(jq.jv_object_set(jq.jv_object(), jq.jv_string("positional"), jq.jv_array()),
                               jq.jv_string("named"), jq.jv_object());
    if (!jq.jq_compile_args(state_.get(), expression.c_str(), jq.jv_object_set(jq.jv_object(), jq.jv_string("ARGS"), args))) {
        throw UsageError(compile_message(callbacks_->errors));
    }
    callbacks_->errors.clear();
}

JqProgram::~JqProgram() = default;

void JqProgram::run(const json::Value& input, const Emit& emit) {
    if (halted_) return;
    Jv converted = to_jv(input);
    libjq().jq_start(state_.get(), converted.release(), 0);
    drain(emit);
}

void JqProgram::run(JqArray&& inputs, const Emit& emit) {
    Jv array = std::move(inputs.items_->array);
    inputs.items_->array = Jv(libjq().jv_array());
    inputs.size_ = 0;
    if (halted_) return;
    libjq().jq_start(state_.get(), array.release(), 0);
    drain(emit);
}

void JqProgram::run_text(std::string_view json_text, const Emit& emit) {
    Jv input(libjq().jv_parse_sized(json_text.data(), jq_size(json_text.size())));
    if (input.kind() == JV_KIND_INVALID) {
        Jv message(libjq().jv_invalid_get_msg(input.release()));
        std::string text = message.kind() == JV_KIND_STRING ? string_text(message) : "not JSON";
        throw JqRuntimeError(text, text);
    }
    if (halted_) return;
    libjq().jq_start(state_.get(), input.release(), 0);
    drain(emit);
}

std::vector<std::string> JqProgram::collect(const json::Value& input) {
    std::vector<std::string> results;
    run(input, [&](std::string_view text) { results.emplace_back(text); });
    return results;
}

void JqProgram::drain(const Emit& emit) {
    for (;;) {
        Jv result(libjq().jq_next(state_.get()));
        callbacks_->flush();
        if (result.kind() != JV_KIND_INVALID) {
            emit(result_text(result));
            continue;
        }
        // The end of the results, an error, or halt/halt_error.
        Jv message(libjq().jv_invalid_get_msg(result.release()));
        if (message.kind() != JV_KIND_NULL && message.kind() != JV_KIND_INVALID) {
            const std::string text = error_text(message);
            throw JqRuntimeError(text, text);
        }
        if (!libjq().jq_halted(state_.get())) return;
        // halt: exit code invalid (none); halt_error: a number, 5 by default. jq takes a
        // non-number code as a failure too.
        Jv code(libjq().jq_get_exit_code(state_.get()));
        Jv said(libjq().jq_get_error_message(state_.get()));
        const bool failed = code.kind() == JV_KIND_NUMBER ? libjq().jv_number_value(code.peek()) != 0
                                                          : code.kind() != JV_KIND_INVALID;
        std::string text;
        if (said.kind() == JV_KIND_STRING) {
            text = trimmed_right(string_text(said), "\n");
        } else if (said.kind() != JV_KIND_NULL && said.kind() != JV_KIND_INVALID) {
            text = json_text(said);
        }
        if (failed) {
            if (text.empty()) text = fmt::format("halt_error with exit code {}", json_text(code));
            throw JqRuntimeError(text, text);
        }
        halted_ = true;
        if (!text.empty() && callbacks_->say) callbacks_->say(text);
        return;
    }
}

}  // namespace crm::render
