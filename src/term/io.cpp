// Io's portable part: construction, --no-color, the y/N prompt, and the test double.
#include "term/io.h"

#include <algorithm>
#include <istream>
#include <ostream>

namespace crm::term {

Io::Io(std::istream& in, std::ostream& out, std::ostream& err, Traits traits)
    : in_(in), out_(out), err_(err), traits_(traits) {}

void Io::commit() { check_output(out_); }

void Io::disable_color() {
    traits_.color_out = false;
    traits_.color_err = false;
}

bool Io::confirm(std::string_view question) {
    err_ << question << " [y/N] " << std::flush;
    std::string answer;
    if (!std::getline(in_, answer)) {
        err_ << '\n';  // end of input: leave the terminal on a fresh line
        return false;
    }
    // Surrounding blanks (and the CR of a CRLF line) do not change the answer.
    answer.erase(answer.find_last_not_of(" \t\r") + 1);
    answer.erase(0, answer.find_first_not_of(" \t"));
    std::transform(answer.begin(), answer.end(), answer.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return answer == "y" || answer == "yes";
}

std::string Io::read_secret(std::string_view prompt) {
    std::string line;
    if (!traits_.stdin_tty) {
        std::getline(in_, line);
        return line;
    }
    err_ << prompt << std::flush;
    set_input_echo(false);
    std::getline(in_, line);
    set_input_echo(true);
    err_ << '\n';  // the Enter that ended the line was not echoed either
    return line;
}

TestIo::TestIo(Traits traits, std::string input)
    : Io(in_buf_, out_buf_, err_buf_, traits), in_buf_(std::move(input)) {}

}  // namespace crm::term
