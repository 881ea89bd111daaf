// The one door to the outside world: every command gets an Io and writes nowhere else.
// Terminal facts are decided once, here, so tests can construct any combination.
#pragma once
#include <filesystem>
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
    bool dumb = false;       // TERM=dumb: no escape sequences at all (no colour, no redrawn lines)
};

// Colour rules in one place: NO_COLOR (non-empty) turns colour off, CLICOLOR_FORCE or
// FORCE_COLOR (non-empty, not "0") turn it on, otherwise colour when the stream is a terminal
// and TERM is not "dumb". `getenv` is injectable for tests.
bool decide_color(bool is_tty, const char* (*getenv_fn)(const char*));
bool dumb_terminal(const char* (*getenv_fn)(const char*));  // TERM=dumb

class Io {
public:
    Io(std::istream& in, std::ostream& out, std::ostream& err, Traits traits);
    virtual ~Io() = default;

    // The real process streams (stdio), with traits read from isatty, ioctl(TIOCGWINSZ),
    // COLUMNS and the colour environment variables.
    static std::unique_ptr<Io> system();

    // --output-file: stdout goes to a new temporary file beside `path` (O_EXCL, mode 0666 minus
    // the umask); stdin, stderr and the terminal facts stay those of `terminal` (but stdout is
    // not a terminal). commit() puts the file in place; without it, destruction removes the
    // temporary file, so a failed or interrupted command leaves any previous `path` untouched.
    // Throws crm::Error when the temporary file cannot be created.
    static std::unique_ptr<Io> to_file(Io& terminal, const std::filesystem::path& path);

    // The command succeeded: stdout is flushed and checked (check_output), and an
    // --output-file is made durable and renamed into place.
    virtual void commit();

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

// Flushes `out` and throws when a write to it failed: crm::BrokenPipe when the reader went away
// (EPIPE), else crm::Error "write error: <strerror>" (exit 1). Call it after each page of a
// listing, so a full disk or a closed pipe stops the command before the next request.
void check_output(std::ostream& out);

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
