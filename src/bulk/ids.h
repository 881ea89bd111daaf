// Reading the ids of a bulk run: every id is read and de-duplicated before the first request,
// so a pipe from `crm X list -o ids` never races with its own deletions.
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
    size_t read = 0;        // non-blank ids read, duplicates included
    size_t blank = 0;       // blank lines (or empty parts of a comma list)
    size_t duplicates = 0;  // ids seen before

    // Trims spaces, tabs and a trailing CR; counts a blank or a repeat instead of keeping it.
    void add(std::string_view raw);

private:
    std::unordered_set<std::string> seen_;
};

// One id per line: LF or CRLF line ends, a leading UTF-8 byte order mark, surrounding spaces.
IdSet read_id_lines(std::string_view text);

// `--ids 1,2,3` (repeatable): comma-separated parts.
IdSet read_id_lists(const std::vector<std::string>& values);

// A hash of the set (order does not matter), printed as 16 hex digits: a journal remembers
// which job it belongs to.
std::string set_hash(const std::vector<std::string>& ids);

}  // namespace crm::bulk
