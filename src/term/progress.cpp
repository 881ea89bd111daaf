// The progress line of long runs (bulk delete): on stderr, redrawn in place, terminals only
// (not TERM=dumb: redrawing takes an escape sequence).
#include "term/io.h"

#include <chrono>
#include <fmt/format.h>
#include <ostream>

namespace crm::term {

namespace {

using Clock = std::chrono::steady_clock;

// Ten redraws a second look live without costing the run anything.
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr std::string_view kClearToEnd = "\x1b[K";

std::string clock_text(long long seconds) {
    if (seconds >= 3600) return fmt::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

}  // namespace

struct Progress::State {
    Io& io;
    std::string label;
    size_t total;
    bool active;  // stderr is a terminal that can redraw a line (not TERM=dumb)
    Clock::time_point start = Clock::now();
    Clock::time_point last_draw{};
    size_t done = 0;
    size_t retries = 0;
    bool drawn = false;
    bool finished = false;

    // "label  done/total  NN%  R/s  ETA 0:12  retries N"
    std::string line() const {
        double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
        size_t percent = total > 0 ? done * 100 / total : 100;
        std::string eta = "-:--";  // no rate yet
        if (rate > 0) eta = clock_text(static_cast<long long>(static_cast<double>(total > done ? total - done : 0) / rate));
        return fmt::format("{}  {}/{}  {}%  {:.0f}/s  ETA {}  retries {}", label, done, total, percent, rate, eta, retries);
    }

    void draw() {
        io.err() << '\r' << line() << kClearToEnd << std::flush;
        drawn = true;
        last_draw = Clock::now();
    }
};

Progress::Progress(Io& io, std::string label, size_t total)
    : state_(std::make_unique<State>(State{io, std::move(label), total, io.stderr_tty() && !io.traits().dumb})) {}

Progress::~Progress() {
    if (state_->drawn && !state_->finished) state_->io.err() << '\r' << kClearToEnd << std::flush;
}

void Progress::update(size_t done, size_t retries) {
    State& state = *state_;
    state.done = done;
    state.retries = retries;
    if (!state.active || state.finished) return;
    if (state.drawn && Clock::now() - state.last_draw < kRedrawInterval) return;
    state.draw();
}

void Progress::finish() {
    State& state = *state_;
    if (!state.active || state.finished) return;
    state.draw();
    state.io.err() << '\n' << std::flush;
    state.finished = true;
}

}  // namespace crm::term
