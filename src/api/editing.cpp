#include "api/editing.h"

#include "api/requests.h"
#include "errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace crm::api {

bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string text_of(const json::Value& object, std::initializer_list<const char*> keys) {
    if (!object.IsObject()) return {};
    for (const char* key : keys) {
        auto it = object.FindMember(key);
        if (it != object.MemberEnd() && it->value.IsString()) return it->value.GetString();
    }
    return {};
}

std::vector<Tag> tags_of(const json::Value& items) {
    std::vector<Tag> tags;
    if (!items.IsArray()) return tags;
    for (const auto& item : items.GetArray()) {
        Tag tag{text_of(item, {"id"}), text_of(item, {"label", "name"}), text_of(item, {"color"})};
        if (const json::Value* id = item.IsObject() ? json::find(item, "id") : nullptr; id && id->IsNumber())
            tag.id = json::scalar_text(*id);
        if (!tag.label.empty()) tags.push_back(std::move(tag));
    }
    return tags;
}

const Tag* find_tag(const std::vector<Tag>& known, std::string_view word) {
    for (const auto& tag : known) {
        if (same_text(tag.label, word)) return &tag;
    }
    for (const auto& tag : known) {
        if (!tag.id.empty() && tag.id == word) return &tag;
    }
    return nullptr;
}

namespace {

std::string labels_of(const std::vector<Tag>& known) {
    std::vector<std::string> labels;
    for (const auto& tag : known) labels.push_back(tag.label);
    return labels.empty() ? "none yet" : fmt::format("{}", fmt::join(labels, ", "));
}

}  // namespace

TagPlan plan_tags(const std::vector<Tag>& known, const std::vector<std::string>& add,
                  const std::vector<std::string>& remove) {
    if (add.empty() && remove.empty()) throw UsageError("nothing to change: give --add and/or --remove");
    for (const auto& word : add) {
        auto both = std::find_if(remove.begin(), remove.end(), [&](const std::string& r) { return same_text(r, word); });
        if (both != remove.end()) throw UsageError(fmt::format("tag '{}' is both in --add and --remove", word));
    }
    TagPlan plan;
    for (const auto& word : add) {
        if (const Tag* tag = find_tag(known, word)) {
            plan.add.push_back(*tag);
        } else if (std::none_of(plan.missing.begin(), plan.missing.end(),
                                [&](const std::string& m) { return same_text(m, word); })) {
            plan.missing.push_back(word);
        }
    }
    std::vector<std::string> unknown;
    for (const auto& word : remove) {
        if (const Tag* tag = find_tag(known, word)) {
            plan.remove.push_back(*tag);
        } else {
            unknown.push_back(word);
        }
    }
    if (!unknown.empty()) {
        throw UsageError(fmt::format("--remove: no tag {} in the tag list (tags: {}); nothing sent",
                                     fmt::join(unknown, ", "), labels_of(known)));
    }
    return plan;
}

namespace {

enum class Shape { string, strings, objects };

bool element_is(const json::Value& element, const Tag& tag) {
    if (element.IsString()) {
        std::string_view text(element.GetString(), element.GetStringLength());
        return same_text(text, tag.label) || (!tag.id.empty() && text == tag.id);
    }
    if (element.IsObject()) {
        const std::string id = text_of(element, {"id"});
        if (!id.empty() && !tag.id.empty()) return id == tag.id;
        return same_text(text_of(element, {"label", "name"}), tag.label);
    }
    return false;
}

bool has(const std::vector<Tag>& tags, const json::Value& element) {
    return std::any_of(tags.begin(), tags.end(), [&](const Tag& tag) { return element_is(element, tag); });
}

// Written as ids when every entry already there is an id and none a label.
bool entries_are_ids(const json::Value& entries, const std::vector<Tag>& tags) {
    bool any = false;
    for (const auto& e : entries.GetArray()) {
        if (!e.IsString()) return false;
        std::string_view text(e.GetString(), e.GetStringLength());
        bool is_id = std::any_of(tags.begin(), tags.end(), [&](const Tag& t) { return !t.id.empty() && t.id == text; });
        bool is_label = std::any_of(tags.begin(), tags.end(), [&](const Tag& t) { return same_text(t.label, text); });
        if (!is_id || is_label) return false;
        any = true;
    }
    return any;
}

}  // namespace

std::optional<json::Document> edit_tags(const json::Value* current, const std::vector<Tag>& add,
                                        const std::vector<Tag>& remove, const std::vector<Tag>& known) {
    json::Document entries(rapidjson::kArrayType);  // the current tags as an array, whatever the shape
    auto& alloc = entries.GetAllocator();
    Shape shape = Shape::string;
    if (!current || current->IsNull()) {
        shape = Shape::string;
    } else if (current->IsString()) {
        for (const auto& part : split_list({current->GetString(), current->GetStringLength()}))
            entries.PushBack(json::str(part, alloc), alloc);
        shape = Shape::string;
    } else if (current->IsArray()) {
        const auto& array = current->GetArray();
        const bool all_strings = !array.Empty() && std::all_of(array.begin(), array.end(), [](const json::Value& v) { return v.IsString(); });
        const bool all_objects = std::all_of(array.begin(), array.end(), [](const json::Value& v) { return v.IsObject(); });
        if (!all_strings && !all_objects)
            throw Error("the record's tags mix strings and objects; crm does not guess how to write them back", kExitUnexpected);
        shape = all_strings ? Shape::strings : Shape::objects;
        entries.CopyFrom(*current, alloc);
    } else {
        throw Error(fmt::format("the record's tags are neither a string nor an array ({}); crm does not guess how "
                                "to write them back", json::write(*current)),
                    kExitUnexpected);
    }

    std::vector<Tag> named = known;
    named.insert(named.end(), add.begin(), add.end());
    const bool write_ids = shape != Shape::objects && entries_are_ids(entries, named);

    bool changed = false;
    json::Value kept(rapidjson::kArrayType);
    for (auto& e : entries.GetArray()) {
        if (has(remove, e)) {
            changed = true;
        } else {
            kept.PushBack(json::Value(e, alloc), alloc);
        }
    }
    for (const auto& tag : add) {
        const bool present = std::any_of(kept.Begin(), kept.End(), [&](const json::Value& e) { return element_is(e, tag); });
        if (present) continue;
        changed = true;
        if (shape == Shape::objects) {
            json::Value object(rapidjson::kObjectType);
            if (!tag.id.empty()) object.AddMember("id", json::str(tag.id, alloc), alloc);
            object.AddMember("label", json::str(tag.label, alloc), alloc);
            if (!tag.color.empty()) object.AddMember("color", json::str(tag.color, alloc), alloc);
            kept.PushBack(object, alloc);
        } else {
            kept.PushBack(json::str(write_ids && !tag.id.empty() ? tag.id : tag.label, alloc), alloc);
        }
    }
    if (!changed) return std::nullopt;

    json::Document result;
    if (shape == Shape::string) {
        std::vector<std::string> parts;
        for (const auto& e : kept.GetArray()) parts.emplace_back(e.GetString(), e.GetStringLength());
        const std::string joined = fmt::format("{}", fmt::join(parts, ","));
        result.SetString(joined.c_str(), static_cast<rapidjson::SizeType>(joined.size()), result.GetAllocator());
    } else {
        result.CopyFrom(kept, result.GetAllocator());
    }
    return result;
}

namespace {

std::string describe(const json::Value& item, const NameLookup& lookup) {
    std::string name;
    for (const auto& key : lookup.name_keys) {
        if (name.empty()) name = text_of(item, {key.c_str()});
    }
    const std::string id = json::find(item, "id") ? json::scalar_text(*json::find(item, "id")) : "";
    return name.empty() ? id : fmt::format("{} ({})", name, id);
}

}  // namespace

const json::Value& pick_named(const json::Value& items, std::string_view wanted, const NameLookup& lookup) {
    if (wanted.find_first_not_of(" \t") == std::string_view::npos)
        throw UsageError(fmt::format("{} is empty; nothing sent", lookup.flag));
    std::vector<const json::Value*> by_name;
    std::vector<std::string> all;
    if (items.IsArray()) {
        for (const auto& item : items.GetArray()) {
            if (!item.IsObject()) continue;
            const json::Value* id = json::find(item, "id");
            if (id && json::scalar_text(*id) == wanted) return item;
            all.push_back(describe(item, lookup));
            for (const auto& key : lookup.name_keys) {
                if (same_text(text_of(item, {key.c_str()}), wanted)) {
                    by_name.push_back(&item);
                    break;
                }
            }
        }
    }
    if (by_name.size() == 1) return *by_name.front();
    if (by_name.empty()) {
        throw UsageError(fmt::format("{}: no {} '{}'; there are: {}; nothing sent", lookup.flag, lookup.what, wanted,
                                     all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "))));
    }
    std::vector<std::string> same;
    for (const auto* item : by_name) same.push_back(describe(*item, lookup));
    throw UsageError(fmt::format("{}: {} {} are named '{}': {}; give the id; nothing sent", lookup.flag, by_name.size(),
                                 lookup.what + "s", wanted, fmt::join(same, ", ")));
}

std::string stage_key(const json::Value& pipeline, std::string_view wanted) {
    const json::Value* stages = pipeline.IsObject() ? json::find(pipeline, "stages") : nullptr;
    const std::string pipeline_name = text_of(pipeline, {"name"});
    const std::string pipeline_id = text_of(pipeline, {"id"});
    const std::string where = pipeline_name.empty() ? pipeline_id : fmt::format("{} ({})", pipeline_name, pipeline_id);
    if (!stages || !stages->IsArray()) return std::string(wanted);  // nothing to look up in: the server decides
    std::vector<std::string> names;
    std::vector<std::string> by_label;
    for (const auto& s : stages->GetArray()) {
        const std::string key = text_of(s, {"key", "id"});
        const std::string label = text_of(s, {"label", "name"});
        if (!key.empty() && key == wanted) return key;
        names.push_back(label.empty() ? key : fmt::format("{} ({})", label, key));
        if (same_text(label, wanted)) by_label.push_back(key);
    }
    if (by_label.size() == 1) return by_label.front();
    if (by_label.size() > 1)
        throw UsageError(fmt::format("{} stages of pipeline {} are labelled '{}' ({}); give the key", by_label.size(),
                                     where, wanted, fmt::join(by_label, ", ")));
    throw UsageError(fmt::format("no stage '{}' in pipeline {}; stages: {}", wanted, where, fmt::join(names, ", ")));
}

}  // namespace crm::api
