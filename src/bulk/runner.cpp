#include "bulk/runner.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_set>

namespace crm::bulk {

namespace {

std::string batch_name(const Batch& batch) {
    return batch.ids.size() == 1 ? fmt::format("id {}", batch.ids[0])
                                 : fmt::format("batch {} ({} ids)", batch.number, batch.ids.size());
}

class Run {
public:
    Run(const RunOptions& options, Summary& summary, size_t next_number, size_t to_settle)
        : options_(options), summary_(summary), next_number_(next_number), to_settle_(to_settle) {
        if (options.journal) unanswered_ = &options.journal->state().unanswered;
    }

    bool stopped() const { return !summary_.stopped.empty(); }
    int stop_exit() const { return stop_exit_; }

    // Journals the window before it goes; false when the journal cannot take it (then stopped).
    bool record_sent(const std::vector<Batch>& window) {
        record([&](Journal& journal) { journal.sent(window); });
        return !journal_broken_;
    }

    // Settles or splits one batch; the halves of a split are appended to `halves`.
    void answer(const Batch& batch, Answer&& answer, std::vector<Batch>& halves) {
        summary_.retries += static_cast<size_t>(std::max(answer.retries, 0));
        switch (answer.kind) {
            case Answer::Kind::accepted:
                rejections_ = 0;
                return accept(batch, answer);
            case Answer::Kind::rejected:
                if (++rejections_ >= rejections_in_a_row(options_.parallel) && !stopped()) {
                    stop(fmt::format("stopped bisecting after {} rejections in a row with nothing accepted: the server "
                                     "seems to reject every batch ({})", rejections_, answer.why),
                         answer.exit);
                }
                if (batch.ids.size() > 1 && !stopped()) return split(batch, answer, halves);
                return fail(batch, answer, summary_.failed, answer.why);
            case Answer::Kind::failed:
                return fail(batch, answer, summary_.failed, answer.why);
            case Answer::Kind::unknown:
                record([&](Journal& journal) { journal.unknown(batch.number, answer.why); });
                return fail(batch, answer, summary_.unknown, "no usable answer: " + answer.why);
        }
    }

    // Ids that were never sent: failed, so --failed-out lists them for a retry.
    void unsent(const std::deque<Batch>& batches, std::string_view why, int exit) {
        size_t count = 0;
        for (const auto& batch : batches) {
            summary_.failed.insert(summary_.failed.end(), batch.ids.begin(), batch.ids.end());
            count += batch.ids.size();
        }
        if (count == 0) return;
        summary_.problems.push_back({.message = fmt::format("{} ids not sent: {}", count, why), .exit = exit});
        exits_.insert(exit);
    }

    // CLI.md §5: the class every failure shares when nothing was done, 9 when outcomes are mixed;
    // a 401/403 stops the run with 3 whatever came before.
    int exit_code() const {
        return run_exit(exits_, summary_.deleted + (options_.ignore_not_found ? summary_.not_found.size() : 0), stop_exit_);
    }

private:
    void accept(const Batch& batch, const Answer& answer) {
        std::unordered_set<std::string_view> missing(answer.not_found.begin(), answer.not_found.end());
        size_t not_found = 0, deleted_earlier = 0;
        for (const auto& id : batch.ids) {
            if (!missing.contains(id)) continue;
            ++not_found;
            if (unanswered_ && unanswered_->contains(id)) {
                ++deleted_earlier;  // sent by an earlier run that got no usable answer: it deleted it
                continue;
            }
            summary_.not_found.push_back(id);
            if (options_.ignore_not_found) continue;
            summary_.problems.push_back({.message = fmt::format("id {}: not found", id), .id = id, .exit = kExitNotFound});
            exits_.insert(kExitNotFound);
        }
        record([&](Journal& journal) { journal.accepted(batch.number, batch.ids.size() - not_found, not_found); });
        summary_.deleted += batch.ids.size() - not_found + deleted_earlier;
        settled(batch.ids.size());
    }

    void split(const Batch& batch, const Answer& answer, std::vector<Batch>& halves) {
        auto middle = batch.ids.begin() + static_cast<std::ptrdiff_t>(batch.ids.size() / 2);
        Batch left{next_number_++, {batch.ids.begin(), middle}, batch.number};
        Batch right{next_number_++, {middle, batch.ids.end()}, batch.number};
        record([&](Journal& journal) {
            journal.split(batch.number, fmt::format("{} (into {} and {})", answer.why, left.number, right.number));
        });
        halves.push_back(std::move(left));
        halves.push_back(std::move(right));
    }

    void fail(const Batch& batch, const Answer& answer, std::vector<std::string>& into, const std::string& why) {
        if (&into == &summary_.failed) record([&](Journal& journal) { journal.failed(batch.number, answer.why); });
        summary_.problems.push_back({.message = fmt::format("{}: {}", batch_name(batch), why),
                                     .status = answer.status,
                                     .id = batch.ids.size() == 1 ? batch.ids[0] : std::string(),
                                     .exit = answer.exit});
        exits_.insert(answer.exit);
        into.insert(into.end(), batch.ids.begin(), batch.ids.end());
        settled(batch.ids.size());
        if (answer.stop && !stopped())
            stop(fmt::format("stopped after {} (every later batch would fare the same): {}", batch_name(batch), answer.why),
                 answer.exit);
    }

    void stop(std::string why, int exit) {
        summary_.stopped = std::move(why);
        stop_exit_ = exit;
    }

    // Writes to the journal unless it already failed; a failure stops the run.
    template <class Write>
    void record(const Write& write) {
        if (!options_.journal || journal_broken_) return;
        try {
            write(*options_.journal);
        } catch (const Error& e) {
            journal_broken_ = true;
            if (!stopped()) stop(fmt::format("stopped: {}", e.what()), kExitUnexpected);
        }
    }

    void settled(size_t count) {
        done_ += count;
        if (options_.on_progress) options_.on_progress(done_, to_settle_, summary_.retries);
    }

    const RunOptions& options_;
    Summary& summary_;
    const std::unordered_set<std::string>* unanswered_ = nullptr;
    size_t next_number_;
    size_t to_settle_;
    size_t done_ = 0;
    size_t rejections_ = 0;  // answers in a row that were rejections
    std::set<int> exits_;    // the exit classes of the failures so far
    int stop_exit_ = 0;
    bool journal_broken_ = false;
};

}  // namespace

int run_exit(const std::set<int>& failures, size_t done, int stop_exit) {
    if (stop_exit == kExitAuth) return kExitAuth;
    if (failures.empty()) return kExitOk;
    return done == 0 && failures.size() == 1 ? *failures.begin() : kExitPartial;
}

Summary run_delete(const std::vector<std::string>& ids, const Sender& send, const RunOptions& options) {
    Summary summary;
    summary.total = ids.size();
    const JournalState* state = options.journal ? &options.journal->state() : nullptr;
    std::vector<std::string> pending;
    for (const auto& id : ids) {
        if (!state || !state->accepted.contains(id)) pending.push_back(id);
    }
    summary.skipped = ids.size() - pending.size();

    size_t first_number = state ? state->last_batch + 1 : 1;
    auto batches = make_batches(pending, options.batch_size, first_number);
    std::deque<Batch> queue(std::make_move_iterator(batches.begin()), std::make_move_iterator(batches.end()));
    Run run(options, summary, first_number + queue.size(), pending.size());
    for (size_t width = 1; !queue.empty(); width = std::max<size_t>(options.parallel, 1)) {
        if (options.interrupted()) {
            summary.interrupted = true;
            run.unsent(queue, "interrupted", kExitInterrupted);
            break;
        }
        if (run.stopped()) {
            run.unsent(queue, "the run stopped", run.stop_exit());
            break;
        }
        std::vector<Batch> window;
        while (!queue.empty() && window.size() < width) {
            window.push_back(std::move(queue.front()));
            queue.pop_front();
        }
        if (!run.record_sent(window)) {
            queue.insert(queue.begin(), std::make_move_iterator(window.begin()), std::make_move_iterator(window.end()));
            continue;
        }
        summary.requests += window.size();
        std::vector<Batch> halves;
        std::vector<bool> answered(window.size(), false);
        send(window, [&](size_t index, Answer&& answer) {
            if (index >= window.size() || answered[index]) return;
            answered[index] = true;
            run.answer(window[index], std::move(answer), halves);
        });
        for (size_t i = 0; i < window.size(); ++i) {
            if (!answered[i]) {
                run.answer(window[i], {.kind = Answer::Kind::unknown, .why = "the sender gave no answer", .exit = kExitUnexpected},
                           halves);
            }
        }
        // Halves first: a bisection ends before new batches start.
        queue.insert(queue.begin(), std::make_move_iterator(halves.begin()), std::make_move_iterator(halves.end()));
    }
    if (options.interrupted()) summary.interrupted = true;
    summary.exit = run.exit_code();
    return summary;
}

}  // namespace crm::bulk
