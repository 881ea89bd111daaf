// The pure parts of CLI.md §12 "Editing records": a record's tags changed in the shape they
// have, and names (pipelines, stages, case types) matched against what the API lists. No I/O:
// the run functions (cli/editing.cpp) read, call these, then write.
#pragma once
#include "json/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::api {

// ASCII case-insensitive equality: labels and names are matched so.
bool same_text(std::string_view a, std::string_view b);

// The string member of `object` under the first of `keys` that holds one; "" otherwise.
std::string text_of(const json::Value& object, std::initializer_list<const char*> keys);

// ---- Tags ------------------------------------------------------------------------------------

// One entry of an entity's tag list (GET {tags_path}).
struct Tag {
    std::string id, label, color;
};

// The tags of a tag-list response's items (entries without a label are skipped).
std::vector<Tag> tags_of(const json::Value& items);

// The tag a word names: its label (ignoring case) or its id; nullptr when none.
const Tag* find_tag(const std::vector<Tag>& known, std::string_view word);

// --add and --remove resolved against the tag list. A word in both is a UsageError; so is
// neither flag. `missing` are the --add words the list lacks (created first with
// --create-missing, else a usage error); an unknown --remove word is a usage error at once.
struct TagPlan {
    std::vector<Tag> add, remove;
    std::vector<std::string> missing;
};
TagPlan plan_tags(const std::vector<Tag>& known, const std::vector<std::string>& add,
                  const std::vector<std::string>& remove);

// A record's tags after adding and removing, in the shape they had, or nullopt when nothing
// changes (every tag to add is there, none to remove is). Shapes:
// - "a,b": a comma-joined string (the reference's examples) stays a string, joined with ",";
// - ["a","b"]: an array of strings stays one;
// - [{"id":…,"label":…,"color":…}]: an array of tag objects (the records' shape in the
//   sandbox) gets the tag list's id, label and colour for a new tag; an empty array is taken
//   as this shape;
// - absent or null: the reference's shape, a string.
// An element matches a tag by its label (ignoring case) or its id. Strings whose existing
// entries are all tag ids (not labels) get ids; otherwise labels. Any other shape (a number,
// an object) is an Error (exit 1) naming it: crm does not guess how to write it back.
// `known` is the entity's tag list, for telling ids from labels.
std::optional<json::Document> edit_tags(const json::Value* current, const std::vector<Tag>& add,
                                        const std::vector<Tag>& remove, const std::vector<Tag>& known);

// ---- Names -----------------------------------------------------------------------------------

// What a name-aware flag looks up: `what` for messages ("pipeline"), the flag ("--pipeline"),
// the members that hold a record's name ("name", "label").
struct NameLookup {
    std::string what, flag;
    std::vector<std::string> name_keys;
};

// The record among `items` (an array of objects) whose id is `wanted`, else the one whose name
// is `wanted` ignoring case. UsageError (exit 2: the flag's value names nothing usable) when
// none matches, listing the names and ids there are, or when several records have that name,
// listing them so that one can be picked by id.
const json::Value& pick_named(const json::Value& items, std::string_view wanted, const NameLookup& lookup);

// The stage key of `wanted` in a pipeline record: a stage's key as given, else the key of the
// stage whose label matches ignoring case. UsageError listing the stages otherwise (or when two
// stages share the label). A pipeline that lists no stages leaves `wanted` as given.
std::string stage_key(const json::Value& pipeline, std::string_view wanted);

}  // namespace crm::api
