// The one voice on stderr: escaped server text, text or JSON lines.
#include "term/report.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace crm::term;

TEST_CASE("escape_controls: C0, C1, DEL and broken UTF-8 are shown, text is kept", "[term][report]") {
    CHECK(escape_controls("plain é 日本") == "plain é 日本");
    CHECK(escape_controls("a\nb\r\tc") == "a\\nb\\r\\tc");
    CHECK(escape_controls("\x1b[2J") == "\\e[2J");
    CHECK(escape_controls(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(escape_controls("\x7f") == "\\x7f");
    CHECK(escape_controls("\xc2\x9b" "31m") == "\\u009b31m");  // C1 CSI
    CHECK(escape_controls("\xff\xfe") == "\\xff\\xfe");
    CHECK(escape_controls("\xe2\x82") == "\\xe2\\x82");          // truncated sequence
    CHECK(escape_controls("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
}

TEST_CASE("Reporter: one text line per message, escaped", "[term][report]") {
    std::ostringstream err;
    Reporter report(err);
    report.error({.message = "cannot get lead 1: bad\ncrm: forged"});
    report.warning("column x");
    report.note("deleted 3");
    CHECK(err.str() == "crm: cannot get lead 1: bad\\ncrm: forged\ncrm: warning: column x\ndeleted 3\n");
}

TEST_CASE("Reporter: JSON lines carry status, method, path, id, message and exit", "[term][report]") {
    std::ostringstream err;
    Reporter report(err, true);
    report.error({.message = "cannot get lead 9: not found (HTTP 404, GET /pipeline/leads/9)",
                  .status = 404,
                  .method = "GET",
                  .path = "/pipeline/leads/9",
                  .id = "9",
                  .detail = "lead 9 not found\x1b",
                  .exit = 4});
    report.warning("w");
    CHECK(err.str() ==
          "{\"error\":{\"status\":404,\"method\":\"GET\",\"path\":\"/pipeline/leads/9\",\"id\":\"9\","
          "\"message\":\"lead 9 not found\\u001B\",\"exit\":4}}\n"
          "{\"warning\":{\"message\":\"w\"}}\n");
}

TEST_CASE("Reporter: --verbose and --debug lines go through it, escaped, JSON in json mode", "[term][report]") {
    std::ostringstream err;
    Reporter report(err);
    report.trace("< X-Server: evil\x1b[2J");
    report.set_json(true);
    report.trace("> GET /pipeline/leads HTTP/1.1");
    CHECK(err.str() == "< X-Server: evil\\e[2J\n"
                       "{\"trace\":{\"message\":\"> GET /pipeline/leads HTTP/1.1\"}}\n");
}
