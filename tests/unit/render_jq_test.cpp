// --jq: the libjq wrapper (render/jq.h) and the renderer that uses it.
#include "errors.h"
#include "render/jq.h"
#include "render/jq_lib.h"
#include "render_support.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <streambuf>
#include <stdexcept>

using namespace crm::render;
using namespace crm::render::test;
using crm::json::parse;

namespace {

std::vector<std::string> jq(const std::string& expression, std::string_view input) {
    JqProgram program(expression);
    return program.collect(parse(input));
}

std::vector<std::string> jq_text(const std::string& expression, std::string_view input) {
    JqProgram program(expression);
    std::vector<std::string> results;
    program.run_text(input, [&](std::string_view text) { results.emplace_back(text); });
    return results;
}

std::string compile_error(const std::string& expression) {
    try {
        JqProgram program(expression);
    } catch (const crm::UsageError& e) {
        return e.what();
    }
    return "(compiled)";
}

std::string runtime_error(JqProgram& program, std::string_view input, std::vector<std::string>* results = nullptr) {
    try {
        program.run(parse(input), [&](std::string_view text) {
            if (results) results->emplace_back(text);
        });
    } catch (const JqRuntimeError& e) {
        CHECK(e.exit_code() == crm::kExitUnexpected);
        CHECK(e.message() == e.what());  // the wrapper names no record: the renderer does
        return e.what();
    }
    return "(no error)";
}

Options with_jq(const std::string& expression, bool slurp = false) {
    Options options;
    options.jq = std::make_shared<JqProgram>(expression);
    options.slurp = slurp;
    return options;
}

constexpr std::string_view kLead = R"({"id":"7","title":"Acme","value":{"amount":2500},"tags":["a","b"]})";
constexpr std::string_view kThree = R"([{"id":"1","title":"One"},{"id":"2","title":"Two"},{"id":"3","title":"Three"}])";

}  // namespace

TEST_CASE("jq: a string result is raw text, anything else compact JSON", "[render][jq]") {
    CHECK(jq(".title", kLead) == std::vector<std::string>{"Acme"});
    CHECK(jq(".value.amount", kLead) == std::vector<std::string>{"2500"});
    CHECK(jq(".value", kLead) == std::vector<std::string>{R"({"amount":2500})"});
    CHECK(jq(".tags", kLead) == std::vector<std::string>{R"(["a","b"])"});
    CHECK(jq(".missing", kLead) == std::vector<std::string>{"null"});
    CHECK(jq("{t: .title, n: (.tags | length)}", kLead) == std::vector<std::string>{R"({"t":"Acme","n":2})"});
    // Raw means the string's own bytes: quotes, newlines and NULs as they are, not escaped.
    CHECK(jq(".s", R"({"s":"a\"b\nc\u0000d"})") == std::vector<std::string>{std::string("a\"b\nc\0d", 7)});
    CHECK(jq(".s", R"({"s":"Zoë ✓"})") == std::vector<std::string>{"Zoë ✓"});
    CHECK(jq("[.s]", R"({"s":"Zoë"})") == std::vector<std::string>{R"(["Zoë"])"});
}

TEST_CASE("jq: every result of a run, none for empty", "[render][jq]") {
    CHECK(jq(".id, .title", kLead) == std::vector<std::string>{"7", "Acme"});
    CHECK(jq(".tags[]", kLead) == std::vector<std::string>{"a", "b"});
    CHECK(jq("empty", kLead).empty());
    CHECK(jq("select(.id == \"8\")", kLead).empty());
    CHECK(jq("\"\\(.id): \\(.title)\"", kLead) == std::vector<std::string>{"7: Acme"});
    CHECK(jq("[.id, .title, .value.amount] | @csv", kLead) == std::vector<std::string>{R"("7","Acme",2500)"});
    CHECK(jq("[paths | join(\".\")?]", R"({"a":{"b":1}})") == std::vector<std::string>{R"(["a","a.b"])"});
}

TEST_CASE("jq: numbers come out as jq prints them, from a value as from its text", "[render][jq]") {
    const std::string input =
        R"({"a":0.1,"b":100000000000000000000000,"c":1.5e-7,"d":-5,"e":12345678901234567890,)"
        R"("f":9007199254740993,"g":1e300,"h":3.0,"i":-0.0,"j":[1,2.5]})";
    const auto from_value = jq(".", input);
    CHECK(from_value == jq_text(".", input));
    REQUIRE(from_value.size() == 1);
    // jq 1.6: doubles, printed with 17 significant digits at most, exponents with a sign.
    CHECK(jq(".b", input) == std::vector<std::string>{"1e+23"});
    CHECK(jq(".c", input) == std::vector<std::string>{"1.5e-07"});
    CHECK(jq(".e", input) == jq_text(".e", input));
    CHECK(jq(".f", input) == std::vector<std::string>{"9007199254740992"});
    CHECK(jq(".h", input) == std::vector<std::string>{"3"});
}

TEST_CASE("jq: objects keep their key order, a duplicate key keeps the last value", "[render][jq]") {
    CHECK(jq(".", R"({"z":1,"a":2,"m":3})") == std::vector<std::string>{R"({"z":1,"a":2,"m":3})"});
    CHECK(jq(".", R"({"a":1,"b":2,"a":3})") == jq_text(".", R"({"a":1,"b":2,"a":3})"));
    CHECK(jq(".a", R"({"a":1,"b":2,"a":3})") == std::vector<std::string>{"3"});
}

TEST_CASE("jq: a compile error is a usage error in one line, with jq's reason", "[render][jq]") {
    const std::string syntax = compile_error(".title +");
    CHECK(syntax.starts_with("--jq: syntax error"));
    CHECK(syntax.find('\n') == std::string::npos);
    CHECK(syntax.find("compile error") == std::string::npos);  // jq's count is noise here
    CHECK(compile_error("nosuchfunction") == "--jq: nosuchfunction/0 is not defined at <top-level>, line 1");
    CHECK(compile_error("$nosuchvar") == "--jq: $nosuchvar is not defined at <top-level>, line 1");
    // No library path: a module is never looked for on disk (nor does it crash).
    CHECK(compile_error("import \"foo\" as f; .").find("module not found: foo") != std::string::npos);
    CHECK(compile_error("") == "--jq needs an expression ('.' for the whole record)");
    CHECK(compile_error("  \n") == "--jq needs an expression ('.' for the whole record)");
    CHECK(compile_error(std::string(".a\0.b", 5)) == "--jq: the expression contains a NUL byte");
}

TEST_CASE("jq: what jq itself defines compiles: $ENV, $__loc__, $ARGS", "[render][jq]") {
    CHECK(jq("$ARGS", "null") == std::vector<std::string>{R"({"positional":[],"named":{}})"});
    CHECK(jq("$__loc__", "null") == std::vector<std::string>{R"({"file":"<top-level>","line":1})"});
    CHECK(jq("$ENV | type", "null") == std::vector<std::string>{"object"});
}

TEST_CASE("jq: a runtime error says jq's words, after the results before it", "[render][jq]") {
    JqProgram program(".id, (.title + 1), .title");
    std::vector<std::string> results;
    CHECK(runtime_error(program, kLead, &results) == R"(string ("Acme") and number (1) cannot be added)");
    CHECK(results == std::vector<std::string>{"7"});
    // The state is reset by the next run: it works on the next record.
    results.clear();
    CHECK(runtime_error(program, R"({"id":"8","title":2})", &results) == "(no error)");
    CHECK(results == std::vector<std::string>{"8", "3", "2"});

    JqProgram raise("error(\"boom\")");
    CHECK(runtime_error(raise, "{}") == "boom");
    JqProgram raise_object("error({a: 1})");
    CHECK(runtime_error(raise_object, "{}") == R"({"a":1} (not a string))");
    JqProgram no_input("input");  // libjq would crash without an input callback
    CHECK(runtime_error(no_input, "{}") == "break");  // jq 1.6's words when there is no next input
}

TEST_CASE("jq: error(null) is no error, as in jq 1.6", "[render][jq]") {
    JqProgram program("1, error(null), 2");
    std::vector<std::string> results;
    CHECK(runtime_error(program, "{}", &results) == "(no error)");
    CHECK(results == std::vector<std::string>{"1", "2"});
}

TEST_CASE("jq: halt stops every later run, halt_error is a runtime error", "[render][jq]") {
    JqProgram program("if .id == \"2\" then halt else .id end");
    CHECK(program.collect(parse(R"({"id":"1"})")) == std::vector<std::string>{"1"});
    CHECK(program.collect(parse(R"({"id":"2"})")).empty());
    CHECK(program.halted());
    CHECK(program.collect(parse(R"({"id":"3"})")).empty());  // jq reads no further input

    JqProgram failing("\"gave up\\n\" | halt_error");
    CHECK(runtime_error(failing, "{}") == "gave up");
    CHECK_FALSE(failing.halted());
    JqProgram coded("null | halt_error(3)");
    CHECK(runtime_error(coded, "{}") == "halt_error with exit code 3");

    std::vector<std::string> said;
    JqProgram quiet("\"done\" | halt_error(0)", [&](std::string_view message) { said.emplace_back(message); });
    CHECK(quiet.collect(parse("{}")).empty());
    CHECK(quiet.halted());
    CHECK(said == std::vector<std::string>{"done"});
}

TEST_CASE("jq: debug output goes to the say callback, not to stderr", "[render][jq]") {
    std::vector<std::string> said;
    JqProgram program("debug | .id", [&](std::string_view message) { said.emplace_back(message); });
    CHECK(program.collect(parse(R"({"id":"7"})")) == std::vector<std::string>{"7"});
    CHECK(said == std::vector<std::string>{R"(["DEBUG:",{"id":"7"}])"});
    JqProgram unheard("debug");  // no callback: nothing said, and no crash
    CHECK(unheard.collect(parse("1")) == std::vector<std::string>{"1"});
}

TEST_CASE("jq: an exception from emit leaves the program usable", "[render][jq]") {
    JqProgram program(".[]");
    CHECK_THROWS_AS(program.run(parse("[1,2,3]"), [](std::string_view) { throw std::runtime_error("write failed"); }),
                    std::runtime_error);
    CHECK(program.collect(parse("[4,5]")) == std::vector<std::string>{"4", "5"});
}

TEST_CASE("jq: run_text refuses text that is not JSON", "[render][jq]") {
    JqProgram program(".");
    CHECK_THROWS_AS(program.run_text("{\"a\":", [](std::string_view) {}), JqRuntimeError);
}

TEST_CASE("jq: a JqArray runs once as the array of its inputs", "[render][jq]") {
    JqProgram program("length, map(.id)");
    JqArray inputs;
    const auto three = parse(kThree);
    for (const auto& record : three.GetArray()) inputs.push(record);
    CHECK(inputs.size() == 3);
    std::vector<std::string> results;
    program.run(std::move(inputs), [&](std::string_view text) { results.emplace_back(text); });
    CHECK(results == std::vector<std::string>{"3", R"(["1","2","3"])"});
    CHECK(inputs.size() == 0);  // NOLINT(bugprone-use-after-move): run() leaves it empty
}

TEST_CASE("jq: libjq is opened on first use, a missing one is one line naming the package, exit 1", "[render][jq]") {
    CHECK(libjq().jq_init != nullptr);
    CHECK(&libjq() == &libjq());
    try {
        open_jq_lib("libcrm-test-no-such-jq.so.1");
        FAIL("opened a library that does not exist");
    } catch (const crm::Error& e) {
        CHECK(std::string(e.what()).starts_with("--jq needs libjq (Debian package libjq1): libcrm-test-no-such-jq.so.1"));
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
        CHECK(e.exit_code() == crm::kExitUnexpected);
    }
}

TEST_CASE("jq renderer: replaces the format, one line per result, per record as it comes", "[render][jq]") {
    std::ostringstream out, notes;
    auto renderer = make_renderer(Format::table, with_jq("\"\\(.id): \\(.title)\""), out, notes);
    auto doc = parse(kThree);
    renderer->begin_list();
    renderer->record(doc[0]);
    CHECK(out.str() == "1: One\n");  // streamed: written before the list ends
    renderer->record(doc[1]);
    renderer->end_page();
    renderer->record(doc[2]);
    renderer->end_list();
    CHECK(out.str() == "1: One\n2: Two\n3: Three\n");
    CHECK(notes.str().empty());
}

TEST_CASE("jq renderer: the records it reads are what ndjson prints, --fields applied", "[render][jq]") {
    auto options = with_jq("keys");
    options.fields = {"title", "owner.name"};
    CHECK(render_list(Format::json, kThree, options).out ==
          "[\"owner\",\"title\"]\n[\"owner\",\"title\"]\n[\"owner\",\"title\"]\n");
    CHECK(render_single(Format::csv, kLead, with_jq(".title")).out == "Acme\n");
}

TEST_CASE("jq renderer: --slurp runs once on the whole list", "[render][jq]") {
    CHECK(render_list(Format::json, kThree, with_jq("length", true)).out == "3\n");
    CHECK(render_list(Format::json, kThree, with_jq("map(.id)", true), 2).out == "[\"1\",\"2\",\"3\"]\n");
    CHECK(render_list(Format::json, "[]", with_jq("length", true)).out == "0\n");
    // One record: an array of one, as `jq --slurp` makes of one input.
    CHECK(render_single(Format::json, kLead, with_jq("length", true)).out == "1\n");
}

TEST_CASE("jq renderer: a failed write stops a record's results at once", "[render][jq]") {
    // A stream whose writes fail after a few bytes, as a full disk would.
    struct FailingBuffer : std::streambuf {
        size_t room = 10;
        int overflow(int c) override {
            if (room == 0) return traits_type::eof();
            --room;
            return c;
        }
    } buffer;
    std::ostream out(&buffer);
    std::ostringstream notes;
    auto renderer = make_renderer(Format::json, with_jq("range(100000)"), out, notes);
    renderer->begin_list();
    CHECK_THROWS_WITH(renderer->record(parse(kLead)), Catch::StartsWith("write error: "));
}

TEST_CASE("jq renderer: a runtime error names the record", "[render][jq]") {
    std::ostringstream out, notes;
    auto renderer = make_renderer(Format::json, with_jq(".title + 1"), out, notes);
    renderer->begin_list();
    try {
        renderer->record(parse(kLead));
        FAIL("no error");
    } catch (const JqRuntimeError& e) {
        CHECK(std::string(e.what()) == R"(--jq error on record 7: string ("Acme") and number (1) cannot be added)");
        CHECK(e.id() == "7");
        CHECK(e.exit_code() == crm::kExitUnexpected);
    }
    auto without_id = make_renderer(Format::json, with_jq(".title + 1"), out, notes);
    without_id->begin_list();
    without_id->record(parse(R"({"title":1})"));
    CHECK_THROWS_WITH(without_id->record(parse(R"({"title":"x"})")),
                      "--jq error on record 2 of the list (it has no id): string (\"x\") and number (1) cannot be added");
    CHECK_THROWS_WITH(render_list(Format::json, kThree, with_jq(".[0] + 1", true)),
                      Catch::StartsWith("--jq error on the list (--slurp): object"));
    CHECK_THROWS_WITH(render_single(Format::json, R"({"item":{}})", with_jq("error(\"no\")")),
                      "--jq error on the response: no");
}
