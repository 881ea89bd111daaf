#include "bulk/import_run.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace crm::bulk {

namespace {

class Run {
public:
    Run(const std::vector<Row>& rows, const ImportOptions& options, ImportSummary& summary)
        : rows_(rows), options_(options), summary_(summary), state_(rows.size(), State::skipped) {}

    // Decides each row from the journal: skipped, held (unknown create) or to send.
    void plan() {
        for (size_t i = 0; i < rows_.size(); ++i) {
            const RowRecord* earlier = nullptr;
            if (options_.journal) {
                auto it = options_.journal->rows().find(rows_[i].number);
                if (it != options_.journal->rows().end()) earlier = &it->second;
            }
            if (earlier && (earlier->outcome == RowOutcome::created || earlier->outcome == RowOutcome::updated)) {
                ++summary_.skipped;
            } else if (earlier && earlier->outcome == RowOutcome::unknown && !rows_[i].update && !options_.resend_unknown) {
                // Listed by the command in one line (ImportSummary::held) rather than a problem each.
                summary_.held.push_back(rows_[i].number);
                result(i, RowOutcome::unknown, {}, {});
                exits_.insert(kExitNetwork);
                state_[i] = State::settled;
            } else {
                pending_.push_back(i);
                state_[i] = State::pending;
            }
        }
    }

    size_t to_send() const { return pending_.size(); }

    std::optional<size_t> next() {
        if (!summary_.stopped.empty() || next_ == pending_.size() || first_in_flight_) return std::nullopt;
        if (options_.interrupted()) {
            summary_.interrupted = true;
            stop("interrupted", kExitInterrupted);
            return std::nullopt;
        }
        size_t index = pending_[next_];
        if (!record([&](ImportJournal& journal) { journal.sent(rows_[index].number); })) return std::nullopt;
        first_in_flight_ = next_ == 0;
        ++next_;
        state_[index] = State::sent;
        return index;
    }

    bool answer(size_t index, Answer&& answer) {
        if (index >= rows_.size() || state_[index] != State::sent) return summary_.stopped.empty();
        first_in_flight_ = false;
        state_[index] = State::settled;
        summary_.retries += static_cast<size_t>(std::max(answer.retries, 0));
        const Row& row = rows_[index];
        RowOutcome outcome = answer.kind == Answer::Kind::accepted ? (row.update ? RowOutcome::updated : RowOutcome::created)
                             : answer.kind == Answer::Kind::unknown ? RowOutcome::unknown
                                                                    : RowOutcome::failed;
        std::string id = row.update ? row.id : answer.id;
        record([&](ImportJournal& journal) {
            journal.settled(row.number, outcome, outcome == RowOutcome::created ? id : answer.why);
        });
        if (outcome == RowOutcome::created || outcome == RowOutcome::updated) {
            result(index, outcome, id, {});
        } else {
            std::string why = outcome == RowOutcome::unknown && !row.update
                                  ? fmt::format("{}; the server may have created it: check before retrying", answer.why)
                                  : answer.why;
            result(index, outcome, {},
                   {.message = fmt::format("row {}: {}", row.number, why), .status = answer.status, .id = row.id, .exit = answer.exit});
        }
        if (answer.stop && summary_.stopped.empty())
            stop(fmt::format("stopped after row {} (every later row would fare the same): {}", row.number, answer.why),
                 answer.exit);
        if (options_.on_progress) options_.on_progress(++done_, pending_.size(), summary_.retries);
        return summary_.stopped.empty();
    }

    // Rows sent without an answer are unknown; rows never sent failed.
    void finish() {
        for (size_t i = 0; i < rows_.size(); ++i) {
            if (state_[i] == State::sent) answer(i, {.kind = Answer::Kind::unknown, .why = "the sender gave no answer", .exit = kExitUnexpected});
        }
        size_t unsent = 0;
        for (size_t i = 0; i < rows_.size(); ++i) {
            if (state_[i] != State::pending) continue;
            ++unsent;
            result(i, RowOutcome::failed, {}, {});
        }
        if (unsent > 0) {
            // The client stops pulling rows on SIGINT/SIGTERM by itself: next() may not have seen it.
            if (summary_.stopped.empty() && options_.interrupted()) stop("interrupted", kExitInterrupted);
            int exit = stop_exit_ ? stop_exit_ : kExitUnexpected;
            auto why = summary_.stopped.empty() ? std::string("the sender ended early") : summary_.stopped;
            summary_.problems.push_back({.message = fmt::format("{} rows not sent: {}", unsent, why), .exit = exit});
            exits_.insert(exit);
        }
        record([](ImportJournal& journal) { journal.sync(); });  // the last outcomes, synced
        std::ranges::sort(summary_.results, {}, &RowResult::row);
        summary_.exit = run_exit(exits_, summary_.created + summary_.updated, stop_exit_);
    }

private:
    enum class State { skipped, pending, sent, settled };

    void result(size_t index, RowOutcome outcome, std::string id, term::Problem problem) {
        summary_.results.push_back({rows_[index].number, outcome, std::move(id)});
        switch (outcome) {
            case RowOutcome::created: ++summary_.created; break;
            case RowOutcome::updated: ++summary_.updated; break;
            case RowOutcome::failed: ++summary_.failed; break;
            case RowOutcome::unknown: ++summary_.unknown; break;
        }
        if (problem.message.empty()) return;
        exits_.insert(problem.exit);
        summary_.problems.push_back(std::move(problem));
    }

    void stop(std::string why, int exit) {
        summary_.stopped = std::move(why);
        stop_exit_ = exit;
    }

    // Writes to the journal; a failure stops the run (a resume could not be promised). False then.
    template <class Write>
    bool record(const Write& write) {
        if (!options_.journal || journal_broken_) return !journal_broken_;
        try {
            write(*options_.journal);
            return true;
        } catch (const Error& e) {
            journal_broken_ = true;
            if (summary_.stopped.empty()) stop(fmt::format("stopped: {}", e.what()), kExitUnexpected);
            return false;
        }
    }

    const std::vector<Row>& rows_;
    const ImportOptions& options_;
    ImportSummary& summary_;
    std::vector<State> state_;
    std::vector<size_t> pending_;  // indexes of the rows to send, in order
    size_t next_ = 0;              // into pending_
    size_t done_ = 0;
    bool first_in_flight_ = false;  // the first row goes alone
    bool journal_broken_ = false;
    std::set<int> exits_;
    int stop_exit_ = 0;
};

}  // namespace

ImportSummary run_import(const std::vector<Row>& rows, const RowSender& send, const ImportOptions& options) {
    ImportSummary summary;
    summary.total = rows.size();
    Run run(rows, options, summary);
    run.plan();
    if (run.to_send() > 0) {
        send([&] { return run.next(); }, [&](size_t index, Answer&& answer) { return run.answer(index, std::move(answer)); });
    }
    run.finish();
    if (options.interrupted()) summary.interrupted = true;
    return summary;
}

}  // namespace crm::bulk
