// The one door to the outside world: every command gets an Io and writes nowhere else.
// Terminal facts are decided once, here, so tests can construct any combination.
#pragma once
#include <iosfwd>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace crm::term {

struct Traits {
    bool stdin_tty = false;
    bool stdout_tty = false;
    bool stderr_tty = false;
    bool color_out = false;  // colour allowed on stdout
    bool color_err = false;  // colour allowed on stderr
    int width = 0;           // terminal columns of stdout, 0 when not a terminal
};

// Colour rules in one place: NO_COLOR (any value) turns colour off, CLICOLOR_FORCE or
// FORCE_COLOR (non-empty, not "0") turn it on, otherwise colour when the stream is a terminal.
// `getenv` is injectable for tests.
bool decide_color(bool is_tty, const char* (*getenv_fn)(const char*));

class Io {
public:
    Io(std::istream& in, std::ostream& out, std::ostream& err, Traits traits);
    virtual ~Io() = default;

    // The real process streams (stdio), with traits read from isatty, ioctl(TIOCGWINSZ),
    // COLUMNS and the colour environment variables.
    static std::unique_ptr<Io> system();

    std::istream& in() { return in_; }
    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }
    const Traits& traits() const { return traits_; }
    bool stdout_tty() const { return traits_.stdout_tty; }
    bool stderr_tty() const { return traits_.stderr_tty; }
    int width() const { return traits_.width; }

    void disable_color();  // --no-color

    // Prompts need a person: stdin and stderr are terminals (the prompt goes to stderr so
    // stdout stays clean for pipes).
    bool can_prompt() const { return traits_.stdin_tty && traits_.stderr_tty; }

    // Asks `question [y/N] ` on stderr and reads one line from stdin; true only for y/yes.
    bool confirm(std::string_view question);

    // Reads one line that must not be shown (an API key). On a terminal: `prompt` on stderr,
    // echo off while the line is typed. Empty when input ends first.
    std::string read_secret(std::string_view prompt);

protected:
    // Turns the terminal's echo of stdin off or on; only the system Io has a terminal.
    virtual void set_input_echo(bool /*on*/) {}

private:
    std::istream& in_;
    std::ostream& out_;
    std::ostream& err_;
    Traits traits_;
};

// An Io over string buffers, for tests.
class TestIo : public Io {
public:
    explicit TestIo(Traits traits = {}, std::string input = {});
    std::string out_text() const { return out_buf_.str(); }
    std::string err_text() const { return err_buf_.str(); }

private:
    // The base only stores references to these, so they may be constructed after it.
    std::istringstream in_buf_;
    std::ostringstream out_buf_;
    std::ostringstream err_buf_;
};

// A one-line progress display on stderr, redrawn in place; only active on a terminal.
class Progress {
public:
    Progress(Io& io, std::string label, size_t total);
    ~Progress();  // clears the line
    // done so far, retries so far; redraws at most ~10 times a second.
    void update(size_t done, size_t retries = 0);
    void finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace crm::term
