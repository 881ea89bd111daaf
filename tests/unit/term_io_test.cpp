#include "term/io.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace crm::term;

namespace {

std::map<std::string, std::string> fake_env;

const char* fake_getenv(const char* name) {
    auto it = fake_env.find(name);
    return it == fake_env.end() ? nullptr : it->second.c_str();
}

bool color(bool tty, std::map<std::string, std::string> env) {
    fake_env = std::move(env);
    return decide_color(tty, fake_getenv);
}

bool confirm_with(std::string input, std::string* prompt = nullptr) {
    TestIo io({}, std::move(input));
    bool answer = io.confirm("Delete 3 leads?");
    if (prompt) *prompt = io.err_text();
    CHECK(io.out_text().empty());
    return answer;
}

}  // namespace

TEST_CASE("decide_color: a terminal alone decides when nothing is set", "[term]") {
    CHECK(color(true, {}));
    CHECK_FALSE(color(false, {}));
}

TEST_CASE("decide_color: a non-empty NO_COLOR wins over everything", "[term]") {
    CHECK_FALSE(color(true, {{"NO_COLOR", "1"}}));
    CHECK_FALSE(color(true, {{"NO_COLOR", "0"}}));
    CHECK_FALSE(color(true, {{"NO_COLOR", "1"}, {"FORCE_COLOR", "1"}}));
    CHECK_FALSE(color(false, {{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}));
}

TEST_CASE("decide_color: FORCE_COLOR and CLICOLOR_FORCE turn colour on off a terminal", "[term]") {
    CHECK(color(false, {{"FORCE_COLOR", "1"}}));
    CHECK(color(false, {{"FORCE_COLOR", "true"}}));
    CHECK(color(false, {{"CLICOLOR_FORCE", "1"}}));
    CHECK(color(false, {{"CLICOLOR_FORCE", "0"}, {"FORCE_COLOR", "1"}}));
}

TEST_CASE("decide_color: an empty NO_COLOR does not turn colour off (no-color.org)", "[term]") {
    CHECK(color(true, {{"NO_COLOR", ""}}));
    CHECK(color(false, {{"NO_COLOR", ""}, {"FORCE_COLOR", "1"}}));
}

TEST_CASE("decide_color: TERM=dumb gets no colour unless it is forced", "[term]") {
    CHECK_FALSE(color(true, {{"TERM", "dumb"}}));
    CHECK(color(true, {{"TERM", "xterm-256color"}}));
    CHECK(color(true, {{"TERM", "dumb"}, {"CLICOLOR_FORCE", "1"}}));
}

TEST_CASE("decide_color: empty or \"0\" force variables change nothing", "[term]") {
    CHECK_FALSE(color(false, {{"FORCE_COLOR", "0"}}));
    CHECK_FALSE(color(false, {{"FORCE_COLOR", ""}}));
    CHECK_FALSE(color(false, {{"CLICOLOR_FORCE", "0"}}));
    CHECK(color(true, {{"FORCE_COLOR", "0"}}));
    CHECK(color(true, {{"CLICOLOR_FORCE", ""}}));
}

TEST_CASE("confirm: prompt on stderr, yes only for y or yes", "[term]") {
    std::string prompt;
    CHECK(confirm_with("y\n", &prompt));
    CHECK(prompt == "Delete 3 leads? [y/N] ");
    CHECK(confirm_with("Y\n"));
    CHECK(confirm_with("yes\n"));
    CHECK(confirm_with("YES\n"));
    CHECK(confirm_with("  yes \r\n"));
    CHECK(confirm_with("y"));  // no newline at the end of input
    CHECK_FALSE(confirm_with("n\n"));
    CHECK_FALSE(confirm_with("no\n"));
    CHECK_FALSE(confirm_with("\n"));
    CHECK_FALSE(confirm_with("yess\n"));
    CHECK_FALSE(confirm_with("", &prompt));
    CHECK(prompt == "Delete 3 leads? [y/N] \n");  // end of input: the terminal gets its newline
}

TEST_CASE("TestIo captures out and err, disable_color clears both flags", "[term]") {
    Traits traits;
    traits.stdout_tty = true;
    traits.color_out = true;
    traits.color_err = true;
    traits.width = 120;
    TestIo io(traits);
    io.out() << "data";
    io.err() << "note";
    CHECK(io.out_text() == "data");
    CHECK(io.err_text() == "note");
    CHECK(io.stdout_tty());
    CHECK(io.width() == 120);
    io.disable_color();
    CHECK_FALSE(io.traits().color_out);
    CHECK_FALSE(io.traits().color_err);
    CHECK_FALSE(io.can_prompt());
}

TEST_CASE("read_secret prompts only on a terminal and ends the hidden line", "[term]") {
    Traits piped;
    TestIo from_pipe(piped, "s3cret-key\n");
    CHECK(from_pipe.read_secret("Key: ") == "s3cret-key");
    CHECK(from_pipe.err_text().empty());

    Traits tty;
    tty.stdin_tty = true;
    tty.stderr_tty = true;
    TestIo typed(tty, "s3cret-key\n");
    CHECK(typed.read_secret("Key: ") == "s3cret-key");
    CHECK(typed.err_text() == "Key: \n");
}
