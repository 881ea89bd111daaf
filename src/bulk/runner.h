// The bulk delete loop: batches, the journal, splitting rejected batches, and an exact account
// of every id. The sending is injected (a function), so the loop is tested without a network;
// the command gives it one over http::Client::send_many.
#pragma once
#include "bulk/batch.h"
#include "bulk/journal.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace crm::bulk {

// What became of one batch request.
struct Answer {
    enum class Kind {
        accepted,  // 2xx: the ids are gone (some may have been gone already: not_found)
        rejected,  // a 4xx about the content: split the batch to find the offending ids
        failed,    // not carried out (429/5xx after retries, never sent, other 4xx)
        unknown,   // sent, but no answer: maybe carried out
    };
    Kind kind = Kind::failed;
    size_t not_found = 0;  // accepted: how many of its ids the server did not find
    std::string why;       // otherwise: for the journal and the messages
    int retries = 0;
};

using OnAnswer = std::function<void(size_t index, Answer&& answer)>;
// Sends the batches (any order, any concurrency) and calls on_answer once per batch on the
// calling thread. A batch it never answers counts as unknown.
using Sender = std::function<void(const std::vector<Batch>& batches, const OnAnswer& on_answer)>;

struct RunOptions {
    size_t batch_size = 100;
    Journal* journal = nullptr;  // optional
    std::function<bool()> interrupted = [] { return false; };
    // After each answer: ids settled in this run, ids to settle in this run, retries so far.
    std::function<void(size_t done, size_t total, size_t retries)> on_progress;
};

// The account of a run. failed, unknown, the deleted and not-found ids of this run and the
// skipped ids are disjoint and together are the input.
struct Summary {
    size_t total = 0;      // de-duplicated ids selected
    size_t skipped = 0;    // accepted in an earlier run, per the journal
    size_t deleted = 0;
    size_t not_found = 0;  // already gone: counted as done
    std::vector<std::string> failed;
    std::vector<std::string> unknown;
    std::vector<std::string> problems;  // one line per failed, unknown or split batch
    size_t retries = 0;
    size_t requests = 0;
    bool interrupted = false;
};

Summary run_delete(const std::vector<std::string>& ids, const Sender& send, const RunOptions& options);

}  // namespace crm::bulk
