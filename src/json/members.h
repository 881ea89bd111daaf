// The top-level members of a list's records that a reader wants, found in one pass per record.
// Such records usually have the same members in the same order as the record before, so a
// record's names are first compared with the last record's, one comparison a member; when they
// match, each wanted member is taken by its position and no name is searched for. The export
// reads about 40 fields of each of 100,000 records, a dozen of them absent: a search per field
// (json::Path) compared every name of the record for each absent one.
#pragma once
#include "json/json.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crm::json {

class Members {
public:
    // Wants the member `name`; returns the index at() takes. Call before the first match().
    size_t want(std::string_view name);

    // Finds the wanted members of `record` (anything but an object has none). Returns true when
    // its names differ from the last record's, and only then may unwanted() have changed.
    bool match(const Value& record);
    // The wanted member `index` of the last record matched, or null when it has none.
    const Value* at(size_t index) const { return found_[index]; }
    // The names of the last record's members that are not wanted.
    const std::vector<std::string>& unwanted() const { return unwanted_; }

private:
    void learn(const Value& record);

    struct Slot {
        std::string name;
        int wanted;  // the index of the wanted name, or -1
    };
    std::unordered_map<std::string, int> wanted_;
    std::vector<Slot> shape_;  // the last record's members, in order
    std::vector<const Value*> found_;
    std::vector<std::string> unwanted_;
};

}  // namespace crm::json
