#include "json/members.h"

#include <algorithm>
#include <cstring>

namespace crm::json {

size_t Members::want(std::string_view name) {
    const auto [it, added] = wanted_.emplace(std::string(name), static_cast<int>(wanted_.size()));
    if (added) found_.push_back(nullptr);
    return static_cast<size_t>(it->second);
}

bool Members::match(const Value& record) {
    std::fill(found_.begin(), found_.end(), nullptr);
    const rapidjson::SizeType count = record.IsObject() ? record.MemberCount() : 0;
    bool changed = count != shape_.size();
    if (!changed) {
        const auto members = record.MemberBegin();
        for (rapidjson::SizeType i = 0; i < count; ++i) {
            const Value& name = members[i].name;
            const Slot& slot = shape_[i];
            if (name.GetStringLength() != slot.name.size() ||
                std::memcmp(name.GetString(), slot.name.data(), slot.name.size()) != 0) {
                changed = true;
                break;
            }
            if (slot.wanted >= 0) found_[static_cast<size_t>(slot.wanted)] = &members[i].value;
        }
    }
    if (changed) learn(record);
    return changed;
}

void Members::learn(const Value& record) {
    std::fill(found_.begin(), found_.end(), nullptr);
    shape_.clear();
    unwanted_.clear();
    if (!record.IsObject()) return;
    for (const auto& member : record.GetObject()) {
        std::string name(member.name.GetString(), member.name.GetStringLength());
        const auto it = wanted_.find(name);
        const int wanted = it == wanted_.end() ? -1 : it->second;
        // Of two members with one name, the later wins, as in json::Path.
        if (wanted >= 0) found_[static_cast<size_t>(wanted)] = &member.value;
        else unwanted_.push_back(name);
        shape_.push_back({std::move(name), wanted});
    }
}

}  // namespace crm::json
