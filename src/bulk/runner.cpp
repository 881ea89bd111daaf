#include "bulk/runner.h"

#include <fmt/format.h>

namespace crm::bulk {

namespace {

class Run {
public:
    Run(const RunOptions& options, Summary& summary, size_t next_number, size_t to_settle)
        : options_(options), summary_(summary), next_number_(next_number), to_settle_(to_settle) {}

    size_t next_number() { return next_number_++; }

    // Settles or splits one batch; split halves are queued in `next`.
    void answer(const Batch& batch, Answer&& answer, std::vector<Batch>& next) {
        summary_.retries += static_cast<size_t>(std::max(answer.retries, 0));
        auto* journal = options_.journal;
        switch (answer.kind) {
            case Answer::Kind::accepted: {
                auto not_found = std::min(answer.not_found, batch.ids.size());
                if (journal) journal->accepted(batch.number, batch.ids.size() - not_found, not_found);
                summary_.deleted += batch.ids.size() - not_found;
                summary_.not_found += not_found;
                settled(batch.ids.size());
                return;
            }
            case Answer::Kind::rejected:
                if (batch.ids.size() > 1) {
                    // Bisect: the halves go in the next round, so one bad id fails alone.
                    auto half = batch.ids.begin() + static_cast<std::ptrdiff_t>(batch.ids.size() / 2);
                    Batch left{next_number(), {batch.ids.begin(), half}};
                    Batch right{next_number(), {half, batch.ids.end()}};
                    if (journal) journal->split(batch.number, fmt::format("{} (into {} and {})", answer.why, left.number, right.number));
                    next.push_back(std::move(left));
                    next.push_back(std::move(right));
                    return;
                }
                fail(batch, answer.why, summary_.failed);
                return;
            case Answer::Kind::failed:
                fail(batch, answer.why, summary_.failed);
                return;
            case Answer::Kind::unknown:
                if (journal) journal->unknown(batch.number, answer.why);
                summary_.problems.push_back(fmt::format("batch {} ({} ids): no answer: {}", batch.number, batch.ids.size(), answer.why));
                summary_.unknown.insert(summary_.unknown.end(), batch.ids.begin(), batch.ids.end());
                settled(batch.ids.size());
                return;
        }
    }

    void fail(const Batch& batch, const std::string& why, std::vector<std::string>& into) {
        if (options_.journal) options_.journal->failed(batch.number, why);
        summary_.problems.push_back(batch.ids.size() == 1 ? fmt::format("id {}: {}", batch.ids[0], why)
                                                          : fmt::format("batch {} ({} ids): {}", batch.number, batch.ids.size(), why));
        into.insert(into.end(), batch.ids.begin(), batch.ids.end());
        settled(batch.ids.size());
    }

private:
    void settled(size_t count) {
        done_ += count;
        if (options_.on_progress) options_.on_progress(done_, to_settle_, summary_.retries);
    }

    const RunOptions& options_;
    Summary& summary_;
    size_t next_number_;
    size_t to_settle_;
    size_t done_ = 0;
};

}  // namespace

Summary run_delete(const std::vector<std::string>& ids, const Sender& send, const RunOptions& options) {
    Summary summary;
    summary.total = ids.size();
    std::vector<std::string> pending;
    size_t first_number = 1;
    if (options.journal) {
        const auto& state = options.journal->state();
        for (const auto& id : ids) {
            if (!state.accepted.contains(id)) pending.push_back(id);
        }
        first_number = state.last_batch + 1;
    } else {
        pending = ids;
    }
    summary.skipped = ids.size() - pending.size();

    auto round = make_batches(pending, options.batch_size, first_number);
    Run run(options, summary, first_number + round.size(), pending.size());
    while (!round.empty()) {
        if (options.interrupted()) {
            summary.interrupted = true;
            for (const auto& batch : round) run.fail(batch, "interrupted before sending", summary.failed);
            break;
        }
        if (options.journal) options.journal->sent(round);
        summary.requests += round.size();
        std::vector<Batch> next;
        std::vector<bool> answered(round.size(), false);
        send(round, [&](size_t index, Answer&& answer) {
            if (index >= round.size() || answered[index]) return;
            answered[index] = true;
            run.answer(round[index], std::move(answer), next);
        });
        for (size_t i = 0; i < round.size(); ++i) {
            if (!answered[i]) run.answer(round[i], {.kind = Answer::Kind::unknown, .why = "the sender gave no answer"}, next);
        }
        if (options.interrupted()) summary.interrupted = true;
        round = std::move(next);
    }
    return summary;
}

}  // namespace crm::bulk
