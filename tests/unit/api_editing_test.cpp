// The pure parts of CLI.md §12: tag edits that keep the shape a record's tags have, and the
// matching of names (pipelines, case types, stages) with its usage errors.
#include "api/editing.h"
#include "errors.h"
#include "json/json.h"

#include <catch2/catch.hpp>

using namespace crm;
using namespace crm::api;

namespace {

const std::vector<Tag> kKnown = {{"1", "hot", "#ff0000"}, {"2", "enterprise", "#00ff00"}, {"3", "follow-up", ""}};

const Tag& tag(std::string_view label) { return *find_tag(kKnown, label); }

// The record's tags after the edit, as compact JSON; "unchanged" when edit_tags says so.
std::string edited(const std::string& tags_json, std::vector<Tag> add, std::vector<Tag> remove) {
    json::Document current;
    const bool absent = tags_json.empty();
    if (!absent) current = json::parse(tags_json);
    auto result = edit_tags(absent ? nullptr : &current, add, remove, kKnown);
    return result ? json::write(*result) : "unchanged";
}

}  // namespace

TEST_CASE("a comma-joined string of labels stays a string", "[api][tags]") {
    CHECK(edited(R"("hot")", {tag("enterprise")}, {}) == R"("hot,enterprise")");
    CHECK(edited(R"("hot, enterprise")", {}, {tag("hot")}) == R"("enterprise")");
    CHECK(edited(R"("HOT,enterprise")", {tag("follow-up")}, {tag("hot")}) == R"("enterprise,follow-up")");
    CHECK(edited(R"("hot")", {}, {tag("hot")}) == R"("")");
    CHECK(edited(R"("")", {tag("hot")}, {}) == R"("hot")");
}

TEST_CASE("an array of strings stays an array of strings", "[api][tags]") {
    CHECK(edited(R"(["hot"])", {tag("enterprise")}, {}) == R"(["hot","enterprise"])");
    CHECK(edited(R"(["hot","enterprise"])", {}, {tag("enterprise")}) == R"(["hot"])");
}

TEST_CASE("an array of tag objects gets the tag list's id, label and colour", "[api][tags]") {
    CHECK(edited(R"([{"id":"1","label":"hot","color":"#ff0000"}])", {tag("enterprise")}, {}) ==
          R"([{"id":"1","label":"hot","color":"#ff0000"},{"id":"2","label":"enterprise","color":"#00ff00"}])");
    CHECK(edited(R"([{"id":"1","label":"hot"},{"id":"2","label":"enterprise"}])", {}, {tag("hot")}) ==
          R"([{"id":"2","label":"enterprise"}])");
    // A colour the list does not have is left out, not sent empty; an empty array is this shape.
    CHECK(edited("[]", {tag("follow-up")}, {}) == R"([{"id":"3","label":"follow-up"}])");
    // Matched by id first: a renamed tag is still the same tag.
    CHECK(edited(R"([{"id":"1","label":"old name"}])", {}, {tag("hot")}) == "[]");
}

TEST_CASE("tags absent or null start as the reference's string", "[api][tags]") {
    CHECK(edited("", {tag("hot")}, {}) == R"("hot")");
    CHECK(edited("null", {tag("hot"), tag("enterprise")}, {}) == R"("hot,enterprise")");
}

TEST_CASE("strings of tag ids stay ids", "[api][tags]") {
    CHECK(edited(R"("1,2")", {tag("follow-up")}, {}) == R"("1,2,3")");
    CHECK(edited(R"(["1","2"])", {}, {tag("enterprise")}) == R"(["1"])");
}

TEST_CASE("no change means no write", "[api][tags]") {
    CHECK(edited(R"("hot")", {tag("hot")}, {}) == "unchanged");
    CHECK(edited(R"("hot")", {}, {tag("enterprise")}) == "unchanged");
    CHECK(edited(R"([{"id":"1","label":"hot"}])", {tag("hot")}, {tag("follow-up")}) == "unchanged");
    CHECK(edited("", {}, {tag("hot")}) == "unchanged");
}

TEST_CASE("tags of a shape crm cannot write back are an error, not a guess", "[api][tags]") {
    json::Document number = json::parse("42");
    CHECK_THROWS_AS(edit_tags(&number, {tag("hot")}, {}, kKnown), Error);
    json::Document mixed = json::parse(R"(["hot",{"id":"2"}])");
    CHECK_THROWS_AS(edit_tags(&mixed, {tag("hot")}, {}, kKnown), Error);
}

TEST_CASE("the tag plan checks labels against the tag list", "[api][tags]") {
    auto plan = plan_tags(kKnown, {"HOT", "new-one", "2"}, {"follow-up"});
    REQUIRE(plan.add.size() == 2);
    CHECK(plan.add[0].label == "hot");
    CHECK(plan.add[1].label == "enterprise");  // by its id
    CHECK(plan.missing == std::vector<std::string>{"new-one"});
    REQUIRE(plan.remove.size() == 1);
    CHECK(plan.remove[0].id == "3");
    CHECK_THROWS_AS(plan_tags(kKnown, {}, {"nope"}), UsageError);
    CHECK_THROWS_AS(plan_tags(kKnown, {"hot"}, {"Hot"}), UsageError);
    CHECK_THROWS_AS(plan_tags(kKnown, {}, {}), UsageError);
}

TEST_CASE("the tag list's items become tags", "[api][tags]") {
    auto items = json::parse(R"([{"id":7,"label":"vip","color":"#000000"},{"id":"8","name":"by-name"},{"id":"9"}])");
    auto tags = tags_of(items);
    REQUIRE(tags.size() == 2);
    CHECK(tags[0].id == "7");
    CHECK(tags[0].color == "#000000");
    CHECK(tags[1].label == "by-name");
}

namespace {

const json::Document kPipelines = json::parse(R"([
  {"id":"p1","name":"Sales","stages":[{"key":"s-new","label":"New"},{"key":"s-won","label":"Won"}]},
  {"id":"p2","name":"Partners","stages":[{"key":"p-new","label":"New"},{"key":"p-dup","label":"Twice"},
                                         {"key":"p-dup2","label":"twice"}]},
  {"id":"p3","name":"sales"}
])");
const NameLookup kPipeline{"pipeline", "--pipeline", {"name"}};

std::string usage_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no usage error";
}

}  // namespace

TEST_CASE("a name flag matches an id first, then a name ignoring case", "[api][names]") {
    CHECK(json::write(pick_named(kPipelines, "p2", kPipeline)["id"]) == R"("p2")");
    CHECK(json::write(pick_named(kPipelines, "PARTNERS", kPipeline)["id"]) == R"("p2")");
    const auto types = json::parse(R"([{"id":"1","label":"Support Request"},{"id":"2","name":"Billing"}])");
    const NameLookup type{"case type", "--case-type", {"label", "name"}};
    CHECK(json::write(pick_named(types, "support request", type)["id"]) == R"("1")");
    CHECK(json::write(pick_named(types, "billing", type)["id"]) == R"("2")");
}

TEST_CASE("an ambiguous or unknown name is a usage error that lists the candidates", "[api][names]") {
    const std::string ambiguous = usage_error([] { pick_named(kPipelines, "Sales", kPipeline); });
    CHECK(ambiguous.find("2 pipelines are named 'Sales'") != std::string::npos);
    CHECK(ambiguous.find("Sales (p1)") != std::string::npos);
    CHECK(ambiguous.find("sales (p3)") != std::string::npos);
    const std::string unknown = usage_error([] { pick_named(kPipelines, "Nope", kPipeline); });
    CHECK(unknown.find("no pipeline 'Nope'") != std::string::npos);
    CHECK(unknown.find("Partners (p2)") != std::string::npos);
    CHECK(usage_error([] { pick_named(kPipelines, " ", kPipeline); }).find("empty") != std::string::npos);
}

TEST_CASE("a stage is its key, or the key of its label in the pipeline", "[api][names]") {
    CHECK(stage_key(kPipelines[0], "s-won") == "s-won");
    CHECK(stage_key(kPipelines[0], "won") == "s-won");
    CHECK(stage_key(kPipelines[1], "new") == "p-new");
    CHECK(usage_error([] { stage_key(kPipelines[1], "twice"); }).find("give the key") != std::string::npos);
    const std::string unknown = usage_error([] { stage_key(kPipelines[0], "Lost"); });
    CHECK(unknown.find("no stage 'Lost'") != std::string::npos);
    CHECK(unknown.find("Won (s-won)") != std::string::npos);
    CHECK(stage_key(kPipelines[2], "anything") == "anything");  // no stages listed: the server decides
}
