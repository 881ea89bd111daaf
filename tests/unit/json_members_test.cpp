// json::Members: the wanted members of each record, whatever shape the records come in.
#include "json/members.h"

#include <catch2/catch.hpp>

using crm::json::Members;

namespace {

std::string text_of(const crm::json::Value* value) { return value && value->IsString() ? value->GetString() : "<none>"; }

}  // namespace

TEST_CASE("json members: the wanted members of records of one shape and of others", "[unit][json]") {
    auto records = crm::json::parse(R"([
        {"id": "1", "title": "a", "x": 1},
        {"id": "2", "title": "b", "x": 2},
        {"title": "c", "id": "3"},
        {"id": "4"},
        {"id": "5", "title": "e", "y": true, "id": "6"},
        "not an object",
        {}])");
    Members members;
    const size_t id = members.want("id");
    const size_t title = members.want("title");
    CHECK(members.want("id") == id);  // a name wanted twice is one member
    const size_t absent = members.want("owner");
    std::vector<std::string> ids, titles, changed;
    std::vector<std::vector<std::string>> unwanted;
    for (const auto& record : records.GetArray()) {
        changed.push_back(members.match(record) ? "changed" : "same");
        ids.push_back(text_of(members.at(id)));
        titles.push_back(text_of(members.at(title)));
        unwanted.push_back(members.unwanted());
        CHECK(members.at(absent) == nullptr);
        // the same answer as json::find wherever a name is in a record once
        if (record.IsObject() && record.MemberCount() < 4) CHECK(members.at(id) == crm::json::find(record, "id"));
    }
    CHECK(changed == std::vector<std::string>{"changed", "same", "changed", "changed", "changed", "changed", "same"});
    CHECK(ids == std::vector<std::string>{"1", "2", "3", "4", "6", "<none>", "<none>"});  // of two, the later
    CHECK(titles == std::vector<std::string>{"a", "b", "c", "<none>", "e", "<none>", "<none>"});
    using Names = std::vector<std::string>;
    CHECK(unwanted == std::vector<Names>{{"x"}, {"x"}, {}, {}, {"y"}, {}, {}});
}
