// The import loop (CLI.md §11): which rows to send (the journal's account of earlier runs),
// the journal records around each request, and an exact account of every row. The sending is
// injected, so the loop is tested without a network; the command gives it one over
// http::Client::send_stream.
//
// The first row goes alone (a wrong URL or a revoked key costs one request), then rows are
// pulled as the sender has room. Each row is journaled as sent before its request goes and
// settled when its answer comes: a create that got no usable answer is unknown, and a resumed
// run does not send it again unless asked (--resend-unknown), since it may have been created;
// an update with no answer is sent again (a PATCH is idempotent).
//
// The run stops early, starting nothing more, when an answer says every later row would fare
// the same (401/403, a 2xx that is not the API's), when the journal cannot be written, or when
// the process is interrupted. Rows never sent count as failed, so --failed-out lists them.
#pragma once
#include "bulk/import_journal.h"
#include "bulk/import_rows.h"
#include "bulk/runner.h"
#include "term/report.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace crm::bulk {

// Hands out the index (into the rows) of the next row to send, or nullopt for "none now": the
// sender asks again after each answer, and stops when nothing is in flight either.
using NextRow = std::function<std::optional<size_t>()>;
// Takes the answer for a row; false when nothing more should be started.
using OnRowAnswer = std::function<bool(size_t index, Answer&& answer)>;
// Sends the rows `next` hands out (any concurrency) and calls on_answer once per row on the
// calling thread. A row it never answers counts as unknown.
using RowSender = std::function<void(const NextRow& next, const OnRowAnswer& on_answer)>;

struct ImportOptions {
    ImportJournal* journal = nullptr;  // optional
    bool resend_unknown = false;       // send creates an earlier run got no answer for
    std::function<bool()> interrupted = [] { return false; };
    std::function<void(size_t done, size_t total, size_t retries)> on_progress;
};

struct RowResult {
    size_t row = 0;
    RowOutcome outcome = RowOutcome::failed;
    std::string id;  // created: the new id; updated: the row's id
};

// The account of a run: skipped rows and the results together are the input.
struct ImportSummary {
    size_t total = 0;
    size_t skipped = 0;               // created or updated by an earlier run, per the journal
    std::vector<RowResult> results;   // every other row, in row order
    size_t created = 0, updated = 0, failed = 0, unknown = 0;
    std::vector<size_t> held;         // unknown creates of earlier runs, not sent again
    std::vector<term::Problem> problems;  // per failed or unknown row
    std::string stopped;              // why the run stopped early; empty when it did not
    size_t retries = 0;
    bool interrupted = false;
    int exit = 0;  // CLI.md §5 (run_exit)
};

ImportSummary run_import(const std::vector<Row>& rows, const RowSender& send, const ImportOptions& options);

}  // namespace crm::bulk
