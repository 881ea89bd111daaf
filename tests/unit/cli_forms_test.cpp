// What `crm forms set` tells a person before replacing a form.
#include "cli/tags_forms.h"
#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm;

TEST_CASE("form diff counts added, removed and changed fields by id", "[forms]") {
    auto before = json::parse(R"([{"id":"name","label":"Name"},{"id":"email","label":"Email"},{"id":"old","label":"Old"}])");
    auto after = json::parse(R"([{"id":"name","label":"Name"},{"id":"email","label":"E-mail"},{"id":"new","label":"New"},{"id":"new2"}])");
    auto diff = cli::diff_forms(before, after);
    CHECK(diff.added == 2);
    CHECK(diff.removed == 1);
    CHECK(diff.changed == 1);
    auto same = cli::diff_forms(before, before);
    CHECK((same.added == 0 && same.removed == 0 && same.changed == 0));
}

TEST_CASE("tag colours must be #rrggbb", "[tags]") {
    CHECK_NOTHROW(api::check_color("#ff00AA"));
    CHECK_THROWS_AS(api::check_color("red"), UsageError);
    CHECK_THROWS_AS(api::check_color("#ff00a"), UsageError);
    CHECK_THROWS_AS(api::check_color("#gg0000"), UsageError);
}
