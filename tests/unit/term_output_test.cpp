// Checked output: the errno of a failed write becomes the right exception, and --output-file
// replaces its target only on commit().
#include "errors.h"
#include "term/fd_streambuf.h"
#include "term/io.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <unistd.h>

using namespace crm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream file(path);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

size_t entries(const fs::path& dir) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("check_output: a full disk is a write error, exit 1", "[term]") {
    int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    {
        term::detail::FdStreambuf buffer(fd);
        std::ostream out(&buffer);
        out << "record\n";
        try {
            term::check_output(out);
            FAIL("expected a write error");
        } catch (const BrokenPipe&) {
            FAIL("not a broken pipe");
        } catch (const Error& e) {
            CHECK(std::string(e.what()) == "write error: No space left on device");
            CHECK(e.exit_code() == kExitUnexpected);
        }
    }
    ::close(fd);
}

TEST_CASE("check_output: a reader that went away is a BrokenPipe, exit 0", "[term]") {
    auto previous = std::signal(SIGPIPE, SIG_IGN);  // as crm's main() does
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    ::close(fds[0]);
    {
        term::detail::FdStreambuf buffer(fds[1]);
        std::ostream out(&buffer);
        out << "record\n";
        CHECK_THROWS_AS(term::check_output(out), BrokenPipe);
        CHECK(BrokenPipe().exit_code() == kExitOk);
    }
    ::close(fds[1]);
    std::signal(SIGPIPE, previous);
}

TEST_CASE("Io::to_file: the target is replaced on commit only, and no temporary file remains", "[term]") {
    std::string templ = (fs::temp_directory_path() / "crm-term-XXXXXX").string();
    const fs::path dir = ::mkdtemp(templ.data());
    const fs::path target = dir / "export.csv";
    std::ofstream(target) << "old\n";
    term::TestIo terminal;

    {
        auto io = term::Io::to_file(terminal, target);
        CHECK_FALSE(io->stdout_tty());
        io->out() << "half an export\n";
        CHECK(entries(dir) == 2);  // the target and the temporary file
    }  // not committed: a failed command
    CHECK(slurp(target) == "old\n");
    CHECK(entries(dir) == 1);

    {
        auto io = term::Io::to_file(terminal, target);
        io->out() << "new\n";
        io->commit();
    }
    CHECK(slurp(target) == "new\n");
    CHECK(entries(dir) == 1);

    CHECK_THROWS_WITH(term::Io::to_file(terminal, dir / "missing" / "x.csv"),
                      "cannot write " + (dir / "missing" / "x.csv").string() + ": No such file or directory");
    fs::remove_all(dir);
}
