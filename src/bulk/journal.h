// The journal of a bulk run (--journal FILE): an append-only text file that lets a run killed at
// any moment be resumed without resending what the server already accepted.
//
// Format v2, one record per line, each written whole and fsync'ed before the run goes on:
//
//   crm bulk delete journal v2: entity lead, job ids   the header: entity and kind of job
//   job ids: 17 18 19 …                   the job's id set (an ids job only)
//   sent batch 1: 17 18 19 …              written before the request goes
//   accepted batch 1: deleted 98, not found 2
//   failed batch 2: HTTP 503 …            not carried out: 429/5xx after retries, other 4xx, …
//   unknown batch 3: connection dropped   sent, but no usable answer: maybe carried out
//   split batch 4: HTTP 400 …             rejected; its ids follow in two new, smaller batches
//
// Ids are percent-encoded. A delete by filter has no "job ids" record: its header names the
// job as `job filter <hash of the filter>`, since a resumed run matches fewer records.
//
// A journal belongs to one job: an ids job accepts a run whose ids are a subset of its "job
// ids" (the documented `crm X list -o ids | crm bulk delete X --ids-from - --journal J` lists
// fewer ids once some are deleted); a filter job accepts the same filter. Anything else is
// refused, as is a journal of another version. On resume the ids of accepted batches are
// skipped; every other id is sent again, which is safe because a bulk delete is idempotent.
// Ids of batches sent without a usable answer (an "unknown" line, or none: killed in flight)
// are remembered: when they now come back not found, that earlier run deleted them.
//
// A torn last line (a kill in the middle of a write) is ignored; a journal whose job record is
// not whole yet (killed while writing it: nothing was sent) is started afresh.
//
// The file itself (durable appends, the lock that refuses a second run, torn lines) is a
// JournalFile (journal_file.h).
#pragma once
#include "bulk/batch.h"
#include "bulk/journal_file.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace crm::bulk {

// What earlier runs left in the journal.
struct JournalState {
    std::unordered_set<std::string> accepted;    // ids of accepted batches
    std::unordered_set<std::string> unanswered;  // sent without a usable answer, never accepted
    size_t last_batch = 0;                        // the highest batch number used so far
};

// The job a journal belongs to: a delete by filter (the filter's hash), else the ids.
struct Job {
    std::string filter;
    std::span<const std::string> ids;
};

class Journal {
public:
    // Opens (creating it, mode 0600) and locks the file, checks or writes the header, and reads
    // what it holds. Throws UsageError when the file is locked by another run, belongs to
    // another job, is of another version or is not a journal; Error when it cannot be read or
    // written. `sync` makes each record durable (tests count the calls).
    Journal(const std::string& path, std::string_view entity, const Job& job, JournalFile::Sync sync = ::fsync);
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const JournalState& state() const { return state_; }
    const std::string& path() const { return file_.path(); }

    // Each writes its record(s) and syncs once; throws Error when the file cannot take them.
    void sent(const std::vector<Batch>& batches);
    void accepted(size_t batch, size_t deleted, size_t not_found);
    void failed(size_t batch, std::string_view why);
    void unknown(size_t batch, std::string_view why);
    void split(size_t batch, std::string_view why);

private:
    void start(std::string_view header, const Job& job);
    void read(std::string_view lines, const Job& job);

    JournalFile file_;
    JournalState state_;
};

// The header line (without newline) of a job.
std::string journal_header(std::string_view entity, const Job& job);

}  // namespace crm::bulk
