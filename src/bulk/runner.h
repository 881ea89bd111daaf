// The bulk delete loop: batches, the journal, splitting rejected batches, and an exact account
// of every id. The sending is injected (a function), so the loop is tested without a network;
// the command gives it one over http::Client::send_many.
//
// Batches go out in windows: the first window is one batch alone (a wrong URL, a revoked key or
// a server that rejects everything costs one request), then --parallel batches at a time. A
// window is journaled as sent before it goes, and the run decides between windows whether to
// go on, so a stop (below) sends nothing more than the window already in flight.
//
// The run stops early, sending nothing more, when
//  - an answer says every later batch would fare the same: 401/403, or a 2xx that is not the
//    API's (HTML from a captive portal, error-shaped JSON);
//  - bisection finds nothing: a rejected batch (400/409/422 …) is split in two to isolate its
//    bad ids, but once rejections_in_a_row(parallel) = 4 × parallel + 8 answers in a row were
//    rejections, with nothing accepted in between, the server is taken to reject every batch:
//    rejected batches then fail whole. Isolating a few bad ids never comes near the limit (each
//    split of a batch holding one bad id has a half the server accepts), while a server that
//    rejects everything costs about that many requests, not twice the number of ids;
//  - the journal cannot be written (a full disk): the run cannot promise a resume any more;
//  - the process is interrupted (SIGINT, SIGTERM).
// Ids never sent count as failed, so --failed-out lists them for a retry.
#pragma once
#include "bulk/batch.h"
#include "bulk/journal.h"
#include "term/report.h"

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace crm::bulk {

// What became of one batch request.
struct Answer {
    enum class Kind {
        accepted,  // 2xx with an empty body or the API's JSON: the ids are gone
        rejected,  // a 4xx about the content: split the batch to find the offending ids
        failed,    // not carried out (429/5xx after retries, never sent, other 4xx)
        unknown,   // sent, but no usable answer: maybe carried out
    };
    Kind kind = Kind::failed;
    std::vector<std::string> not_found;  // accepted: ids the server says it did not find
    std::string why;                     // otherwise: for the journal and the messages
    long status = 0;                     // the HTTP status, 0 when none came
    int exit = 0;                        // not accepted: the exit class of CLI.md §5
    bool stop = false;                   // every later batch would fare the same: send no more
    int retries = 0;
    std::string id;                      // accepted create of an import: the new record's id
};

using OnAnswer = std::function<void(size_t index, Answer&& answer)>;
// Sends the batches (any order, any concurrency) and calls on_answer once per batch on the
// calling thread. A batch it never answers counts as unknown.
using Sender = std::function<void(const std::vector<Batch>& batches, const OnAnswer& on_answer)>;

struct RunOptions {
    size_t batch_size = 100;
    size_t parallel = 4;             // batches in a window
    bool ignore_not_found = false;   // ids the server did not find count as done
    Journal* journal = nullptr;      // optional
    std::function<bool()> interrupted = [] { return false; };
    // After each answer: ids settled in this run, ids to settle in this run, retries so far.
    std::function<void(size_t done, size_t total, size_t retries)> on_progress;
};

// Enough for a window of rejected batches and their halves while bad ids are being isolated.
inline size_t rejections_in_a_row(size_t parallel) { return 4 * parallel + 8; }

// The account of a run. failed, unknown, not_found, the deleted ids of this run and the skipped
// ids are disjoint and together are the input.
struct Summary {
    size_t total = 0;    // de-duplicated ids selected
    size_t skipped = 0;  // accepted in an earlier run, per the journal
    size_t deleted = 0;  // including ids an earlier unanswered batch deleted (now not found)
    std::vector<std::string> not_found;
    std::vector<std::string> failed;    // not carried out: rejected, failed, or never sent
    std::vector<std::string> unknown;   // sent without a usable answer
    std::vector<term::Problem> problems;  // per failed/unknown batch, per id not found, unsent
    std::string stopped;                // why the run stopped early; empty when it did not
    size_t retries = 0;
    size_t requests = 0;
    bool interrupted = false;
    int exit = 0;  // CLI.md §5: 0, the one class every failed id shares, 3 after a 401/403 stop, else 9
};

// The exit code of a run over many items (CLI.md §5), from the exit classes of its failures,
// how many items were done, and the exit of what stopped it (0: nothing): 3 after a 401/403
// stop whatever came before, else the one class every failure shares when nothing was done,
// else 9 when there were failures.
int run_exit(const std::set<int>& failures, size_t done, int stop_exit);

Summary run_delete(const std::vector<std::string>& ids, const Sender& send, const RunOptions& options);

}  // namespace crm::bulk
