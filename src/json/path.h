// A dotted path ("owner.id") split once and looked up in many records of one list. Such records
// usually have their members in the same order, so each name is first tried at the position
// where it was found last time: one comparison instead of a scan of the members. The export
// finds a record's top-level members with json::Members, and the rest of each column's path
// ("owner.id" → "id"), a custom field or a link element's field with a Path: a dozen lookups
// in each of 100,000 records, where json::find scanned and split every time.
#pragma once
#include "json/json.h"

#include <string>
#include <string_view>
#include <vector>

namespace crm::json {

class Path {
public:
    explicit Path(std::string_view dotted);
    // One member's name, dots and all (a custom field's id).
    static Path member(std::string_view name);

    // What json::find(root, dotted) finds, except in an object with two members of the same
    // name (RFC 8259 leaves those unspecified), where it may be the later one. Not for use from
    // two threads at once: it remembers where it found each name.
    const Value* find(const Value& root) const;

private:
    struct Step {
        std::string name;
        mutable rapidjson::SizeType at = 0;  // where the name was found last
    };
    std::vector<Step> steps_;
};

}  // namespace crm::json
