#include "json/path.h"

#include <cstring>

namespace crm::json {

Path::Path(std::string_view dotted) {
    while (!dotted.empty()) {
        const size_t dot = dotted.find('.');
        steps_.push_back({std::string(dotted.substr(0, dot))});
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
    }
}

Path Path::member(std::string_view name) {
    Path path("");
    path.steps_.push_back({std::string(name)});
    return path;
}

namespace {

bool named(const Value& name, const std::string& key) {
    return name.GetStringLength() == key.size() && std::memcmp(name.GetString(), key.data(), key.size()) == 0;
}

}  // namespace

const Value* Path::find(const Value& root) const {
    const Value* node = &root;
    for (const Step& step : steps_) {
        if (!node->IsObject()) return nullptr;
        const auto members = node->MemberBegin();
        if (step.at < node->MemberCount() && named(members[step.at].name, step.name)) {
            node = &members[step.at].value;
            continue;
        }
        auto it = node->FindMember(Value(rapidjson::StringRef(step.name.data(), step.name.size())));
        if (it == node->MemberEnd()) return nullptr;
        step.at = static_cast<rapidjson::SizeType>(it - members);
        node = &it->value;
    }
    return node;
}

}  // namespace crm::json
