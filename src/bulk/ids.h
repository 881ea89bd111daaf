// Reading the ids of a bulk run: every id is read, checked and de-duplicated before the first
// request, so a pipe from `crm X list` never races with its own deletions and a malformed input
// sends nothing.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace crm::bulk {

// The de-duplicated ids in first-seen order, and what was dropped on the way.
struct IdSet {
    std::vector<std::string> ids;
    size_t read = 0;        // ids read, duplicates included
    size_t blank = 0;       // blank lines (or empty parts of a comma list)
    size_t duplicates = 0;  // ids seen before

    // Keeps a checked, non-empty id, or counts it as a repeat.
    void add(std::string id);

private:
    std::unordered_set<std::string> seen_;
};

// --ids-from (CLI.md §7): the outputs of crm, told apart by their first character.
//  - A JSON array (`-o json`, pretty or compact; the whole input is one array) of ids
//    (strings or integers) or of records (each one's "id").
//  - Otherwise lines (LF or CRLF, a leading UTF-8 byte order mark, surrounding spaces): a
//    plain id (`-o ids`), or a JSON record `{…}` whose "id" is taken (`-o ndjson`). Blank lines
//    are skipped and counted.
// Anything else — spaces inside an id, quotes, braces, brackets, commas (a CSV header), control
// characters (NUL included) — throws UsageError naming the line or element: nothing is sent.
IdSet read_ids(std::string_view text);

// `--ids 1,2,3` (repeatable): comma-separated parts; an empty part is counted as blank, but a
// value that is blank as a whole (an unset variable) throws UsageError.
IdSet read_id_lists(const std::vector<std::string>& values);

// A hash of the set (order does not matter), printed as 16 hex digits.
std::string set_hash(const std::vector<std::string>& ids);

}  // namespace crm::bulk
