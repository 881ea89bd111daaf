// The journal of an import (--journal FILE, CLI.md §11): what became of each row, so that a run
// killed at any moment resumes without creating anything twice.
//
// Format v1, one record per line, each written whole (journal_file.h) before the run goes on:
//
//   crm import journal v1: entity lead, job 0123456789abcdef   the header: entity, input hash
//   sent row 12                 written before the request goes
//   created row 12: 345         the new record's id (percent-encoded; empty when none came back)
//   updated row 13
//   failed row 14: HTTP 400 …   not carried out
//   unknown row 15: dropped …   sent, but no usable answer: maybe carried out
//
// "sent" is synced before the request goes: a create is never sent without a record that it
// may exist. The outcomes are written at once but synced with the next "sent" (and at the end:
// sync()): a kill loses none of them, and a machine crash can only turn a row back into
// "sent" (unknown: held back, never created twice). That halves the syncs of an import.
//
// A row's last record decides: a row sent and never answered (the run was killed in flight)
// is unknown, like one journaled so. The job is the input (its rows, numbered, and the
// --update-by mode) hashed: a journal is refused for another input, so row numbers always
// mean the same rows.
#pragma once
#include "bulk/journal_file.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace crm::bulk {

enum class RowOutcome { created, updated, failed, unknown };

struct RowRecord {
    RowOutcome outcome = RowOutcome::unknown;
    std::string id;  // created: the new id
};

class ImportJournal {
public:
    // Opens and locks the file (JournalFile), checks or writes the header and reads the rows'
    // outcomes. UsageError for another job's journal, another version, a file that is not one.
    ImportJournal(const std::string& path, std::string_view entity, std::string_view job,
                  JournalFile::Sync sync_call = ::fsync);

    // What earlier runs left: row number → its last outcome.
    const std::map<size_t, RowRecord>& rows() const { return rows_; }

    // Each writes one record (sent: synced); throws Error when the file cannot take it.
    void sent(size_t row);
    void settled(size_t row, RowOutcome outcome, std::string_view detail);  // detail: the id, or why
    void sync() { file_.sync(); }

private:
    JournalFile file_;
    std::map<size_t, RowRecord> rows_;
};

}  // namespace crm::bulk
