// The file under a journal (bulk delete's, import's): what makes a record survive SIGKILL and
// what keeps two runs from sharing one file, written once for every kind of journal.
//
// The file is opened (created mode 0600) and held with flock(LOCK_EX) for the life of the
// object: a second run on it is refused at once with UsageError (exit 2, nothing sent). Each
// append is written whole and synced before it returns, so a record the run went on from is
// on disk. A kill in the middle of a write leaves a torn last line: lines() leaves it out, and
// the next append first ends it so that the next record starts clean.
#pragma once
#include <string>
#include <string_view>
#include <unistd.h>

namespace crm::bulk {

class JournalFile {
public:
    using Sync = int (*)(int fd);

    // `kind` names the journal in messages: "crm bulk" → "in use by another crm bulk run".
    JournalFile(const std::string& path, std::string_view kind, Sync sync_call = ::fsync);
    ~JournalFile();  // unlocks
    JournalFile(const JournalFile&) = delete;
    JournalFile& operator=(const JournalFile&) = delete;

    const std::string& path() const { return path_; }
    // The whole lines the file held when it was opened, each ending in '\n'.
    std::string_view lines() const { return lines_; }
    // What the file held before its first '\n' (a header being written when a run was killed).
    std::string_view unterminated() const { return unterminated_; }

    // Empties the file, then appends `text` in one write: a new job is recorded whole or not at all.
    void restart(const std::string& text);
    // Writes `text` whole, then syncs unless told not to; throws Error (exit 1) when the file
    // cannot take it. A record written without a sync survives a kill of the process (it is in
    // the kernel's hands), not a crash of the machine; the next synced record carries it too.
    enum class Durable { now, with_next };
    void append(const std::string& text, Durable durable = Durable::now);
    void sync();

    // Checks the first line against the header this run would write: UsageError naming the
    // trouble when it is not a journal of this kind (`any_version` is the header's start up to
    // the version number, `magic` up to the job), of another version, or of another job.
    void check_header(std::string_view any_version, std::string_view magic, std::string_view header) const;

private:
    std::string path_;
    std::string kind_;
    int fd_ = -1;
    Sync sync_;
    std::string text_;
    std::string_view lines_, unterminated_;
    bool torn_ = false;  // the file ends in a line cut short
};

// "a\nb" → "a b": a reason from the server kept on one journal line.
std::string one_line(std::string_view text);

}  // namespace crm::bulk
