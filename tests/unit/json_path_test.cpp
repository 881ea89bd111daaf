// json::Path: the lookups of json::find, whatever order the records' members come in.
#include "json/path.h"

#include <catch2/catch.hpp>

using crm::json::Path;

namespace {

std::string text_at(const Path& path, const crm::json::Value& record) {
    const crm::json::Value* value = path.find(record);
    return value && value->IsString() ? value->GetString() : "<none>";
}

}  // namespace

TEST_CASE("json path: finds what json::find finds while the members move", "[unit][json]") {
    auto records = crm::json::parse(R"([
        {"id": "1", "owner": {"id": "u1", "name": "Ann"}, "title": "a"},
        {"title": "b", "owner": {"name": "Bob", "id": "u2"}, "id": "2"},
        {"id": "3", "title": "c"},
        {"id": "4", "owner": "not an object", "title": "d"},
        {"x": 1, "y": 2, "z": 3, "id": "5", "owner": {"id": "u5"}}])");
    const Path owner_id("owner.id"), id("id"), missing("owner.email");
    std::vector<std::string> owners, ids;
    for (const auto& record : records.GetArray()) {
        owners.push_back(text_at(owner_id, record));
        ids.push_back(text_at(id, record));
        CHECK(missing.find(record) == nullptr);
        // the same answer as json::find on every record
        CHECK(owner_id.find(record) == crm::json::find(record, "owner.id"));
    }
    CHECK(owners == std::vector<std::string>{"u1", "u2", "<none>", "<none>", "u5"});
    CHECK(ids == std::vector<std::string>{"1", "2", "3", "4", "5"});
    auto scalar = crm::json::parse("7");
    CHECK(id.find(scalar) == nullptr);
    CHECK(Path("").find(scalar) == &scalar);  // the empty path is the value itself
}

TEST_CASE("json path: a member whose name has dots", "[unit][json]") {
    auto fields = crm::json::parse(R"({"cf.1": "x", "cf": {"1": "y"}})");
    CHECK(text_at(Path::member("cf.1"), fields) == "x");
    CHECK(text_at(Path("cf.1"), fields) == "y");
}
