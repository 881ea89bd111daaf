// --jq (CLI.md §10): a jq program compiled once by libjq and run on records. The results are
// jq's own: a string result is its text (like `jq -r`), anything else compact JSON (`jq -c`).
// libjq stays behind this header: its values (jv) are reference counted, and every one taken
// from it is freed or handed on exactly once, in jq.cpp.
#pragma once
#include "errors.h"
#include "json/json.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct jq_state;

namespace crm::render {

// A runtime error of the program (`.title + 1` on a string, `error("x")`, `halt_error`), exit 1.
// what(): the whole line; message(): jq's own words; id(): the record it failed on, if known.
class JqRuntimeError : public Error {
public:
    JqRuntimeError(const std::string& what, std::string message, std::string id = {})
        : Error(what, kExitUnexpected), message_(std::move(message)), id_(std::move(id)) {}
    const std::string& message() const { return message_; }
    const std::string& id() const { return id_; }

private:
    std::string message_, id_;
};

// Inputs gathered for --slurp, held as jq values: the list is kept once, not twice.
class JqArray {
public:
    JqArray();
    ~JqArray();
    JqArray(const JqArray&) = delete;
    JqArray& operator=(const JqArray&) = delete;
    void push(const json::Value& value);
    size_t size() const { return size_; }

private:
    friend class JqProgram;
    struct Items;
    std::unique_ptr<Items> items_;
    size_t size_ = 0;
};

class JqProgram {
public:
    using Emit = std::function<void(std::string_view text)>;     // one result, without a newline
    using Say = std::function<void(std::string_view message)>;  // what jq would print on stderr

    // Compiles `expression` as `jq` does (with $ENV, $__loc__, $ARGS and ~/.jq; no library
    // path, so `import` finds no module). A compile error is crm::UsageError with jq's messages.
    // `say` receives `debug` output (["DEBUG:",value]) and the message of `halt_error(0)`.
    explicit JqProgram(const std::string& expression, Say say = {});
    ~JqProgram();
    JqProgram(const JqProgram&) = delete;
    JqProgram& operator=(const JqProgram&) = delete;

    // Runs the program on one input and hands each result to `emit` as it comes. A runtime
    // error throws JqRuntimeError (the results before it have been emitted); its what() is
    // jq's message, the caller names the record. `input`/`inputs` see no further input: each
    // record is a run of its own (use --slurp).
    void run(const json::Value& input, const Emit& emit);
    void run(JqArray&& inputs, const Emit& emit);  // the program once on the array of inputs
    void run_text(std::string_view json_text, const Emit& emit);  // the input as JSON text

    // Every result of one run, for tests and small inputs.
    std::vector<std::string> collect(const json::Value& input);

    // True once the program ran `halt` (or `halt_error` with exit code 0): as jq stops reading
    // input, every later run emits nothing.
    bool halted() const { return halted_; }

private:
    struct Callbacks;  // what libjq's callbacks collect (jq.cpp)
    struct StateFree {
        void operator()(jq_state* state) const;
    };
    void drain(const Emit& emit);  // the results of the run jq_start began

    std::unique_ptr<Callbacks> callbacks_;             // outlives state_, whose callbacks use it
    std::unique_ptr<jq_state, StateFree> state_;
    bool halted_ = false;
};

}  // namespace crm::render
