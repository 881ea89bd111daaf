// The one voice of crm on stderr (CLI.md §5): errors, warnings, per-id failures and notes.
// Text lines by default; one JSON object per line when the user chose json/ndjson output.
// Text from the server is data: control characters are shown escaped, so a lead title or an
// error body cannot forge a "crm:" line or move the cursor.
#pragma once
#include <iosfwd>
#include <string>
#include <string_view>

namespace crm::term {

// C0 and C1 controls and DEL as \n, \r, \t, \e, \xHH or \u0085; bytes that are not UTF-8 as
// \xHH; everything else, non-ASCII text included, as it is.
std::string escape_controls(std::string_view text);

// One failure, as much of it as is known.
struct Problem {
    std::string message;  // the whole human line, without "crm: "
    long status = 0;      // HTTP status, 0 when there was no answer
    std::string method, path, id;
    std::string detail;   // the server's own words (JSON "message"); `message` when empty
    int exit = 0;         // the exit code this failure maps to
};

class Reporter {
public:
    explicit Reporter(std::ostream& err, bool json = false) : err_(err), json_(json) {}
    void set_json(bool json) { json_ = json; }
    bool json() const { return json_; }

    void error(const Problem& problem);      // crm: <message>
    void warning(std::string_view message);  // crm: warning: <message>
    void note(std::string_view message);     // <message>: summaries and hints
    // --verbose/--debug: one line of the exchange ("> GET /x", "< HTTP/1.1 200", "* …"), as it
    // is; {"trace":{"message":…}} in json mode.
    void trace(std::string_view line);

private:
    std::ostream& err_;
    bool json_;
};

}  // namespace crm::term
