// The journal of a bulk run (--journal FILE): an append-only text file that lets a run killed at
// any moment be resumed without resending what the server already accepted.
//
// Format, one record per line, each line written whole and fsync'ed before the run goes on:
//
//   crm bulk delete journal v1: entity lead, job 0123456789abcdef
//   sent batch 1: 17 18 19 …             ids percent-encoded, written before the request goes
//   accepted batch 1: deleted 98, not found 2
//   failed batch 2: HTTP 503 …            429/5xx after retries, or not sent at all
//   unknown batch 3: connection dropped   sent, but no answer: maybe carried out, maybe not
//   split batch 4: HTTP 400 …             rejected; its ids follow in two new, smaller batches
//
// The header names the entity and the job (a hash of the id set, or of the filter for a delete
// by filter), so a journal is never applied to a different job. On resume the ids of accepted
// batches are skipped; every other id (failed, unknown, never answered) is sent again, which is
// safe because a bulk delete is idempotent. A torn last line (a kill in the middle of a write)
// is ignored.
//
// While a run uses the journal it holds flock(LOCK_EX): a second run on the same file is
// refused at once with UsageError (exit 2, nothing sent), so overlapping cron runs never both
// work from one journal.
#pragma once
#include "bulk/batch.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace crm::bulk {

// What earlier runs left in the journal.
struct JournalState {
    std::unordered_set<std::string> accepted;  // ids of accepted batches
    size_t last_batch = 0;                      // the highest batch number used so far
};

class Journal {
public:
    // Opens (creating it, mode 0600) and locks the file, checks or writes the header, and reads
    // what it holds. Throws UsageError when the file is locked by another run, belongs to
    // another job, or is not a journal; Error when it cannot be read or written.
    Journal(const std::string& path, std::string_view entity, std::string_view job);
    ~Journal();  // unlocks
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const JournalState& state() const { return state_; }

    void sent(const std::vector<Batch>& batches);  // one write and one fsync for them all
    void accepted(size_t batch, size_t deleted, size_t not_found);
    void failed(size_t batch, std::string_view why);
    void unknown(size_t batch, std::string_view why);
    void split(size_t batch, std::string_view why);

private:
    void append(const std::string& text);  // writes it whole, then fsync

    std::string path_;
    int fd_ = -1;
    JournalState state_;
};

// The header line (without newline) for a job.
std::string journal_header(std::string_view entity, std::string_view job);

}  // namespace crm::bulk
