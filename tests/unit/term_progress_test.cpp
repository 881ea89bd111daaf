#include "term/io.h"

#include <catch2/catch.hpp>

using namespace crm::term;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

Traits stderr_terminal() {
    Traits traits;
    traits.stderr_tty = true;
    return traits;
}

}  // namespace

TEST_CASE("Progress writes nothing when stderr is not a terminal", "[term]") {
    TestIo io;
    {
        Progress progress(io, "deleting", 10);
        progress.update(5, 1);
        progress.finish();
    }
    {
        Progress unfinished(io, "deleting", 10);
        unfinished.update(5);
    }
    CHECK(io.err_text().empty());
    CHECK(io.out_text().empty());
}

TEST_CASE("Progress writes nothing on a TERM=dumb terminal: redrawing needs escape sequences", "[term]") {
    Traits traits = stderr_terminal();
    traits.dumb = true;
    TestIo io(traits);
    {
        Progress progress(io, "deleting", 10);
        progress.update(5, 1);
        progress.finish();
    }
    CHECK(io.err_text().empty());
}

TEST_CASE("Progress draws one line in place and ends it on finish", "[term]") {
    TestIo io(stderr_terminal());
    {
        Progress progress(io, "deleting", 10);
        progress.update(5, 2);
        std::string first = io.err_text();
        CHECK_THAT(first, StartsWith("\rdeleting  5/10  50%  "));
        CHECK_THAT(first, Contains("/s  ETA "));
        CHECK_THAT(first, EndsWith("  retries 2\x1b[K"));
        progress.update(6, 2);  // within 100 ms of the last draw: not redrawn
        CHECK(io.err_text() == first);
        progress.finish();
    }
    std::string all = io.err_text();
    CHECK_THAT(all, Contains("\rdeleting  6/10  60%  "));
    CHECK_THAT(all, EndsWith("  retries 2\x1b[K\n"));  // nothing more from the destructor
    CHECK(io.out_text().empty());
}

TEST_CASE("Progress clears its line when destroyed unfinished", "[term]") {
    TestIo io(stderr_terminal());
    {
        Progress progress(io, "deleting", 0);
        progress.update(0);
        CHECK_THAT(io.err_text(), StartsWith("\rdeleting  0/0  100%  0/s  ETA -:--  retries 0\x1b[K"));
    }
    CHECK_THAT(io.err_text(), EndsWith("\x1b[K\r\x1b[K"));
}
