// crm report's chart renderer: exact strings for fixed widths.
#include "report/chart.h"
#include "report/queries.h"

#include "errors.h"

#include <catch2/catch.hpp>

using namespace crm::report;

namespace {

Table ratings() {
    return {"Leads by rating",
            {{"rating", Kind::label}, {"count", Kind::count}, {"value", Kind::amount}},
            {{"1_cold", {10, 1500}}, {"2_warm", {5, 250.5}}, {"3_hot", {0, 0}}},
            0};
}

}  // namespace

TEST_CASE("report chart: values as their columns show them", "[unit][report]") {
    CHECK(format_value(1234567, Kind::count) == "1,234,567");
    CHECK(format_value(0, Kind::count) == "0");
    CHECK(format_value(1234.5, Kind::amount) == "1,234.50");
    CHECK(format_value(25000, Kind::amount) == "25,000");
    CHECK(format_value(53.456, Kind::percent) == "53.5%");
}

TEST_CASE("report chart: bars in eighths of a cell", "[unit][report]") {
    CHECK(bar(0, 10).empty());
    CHECK(bar(1.0 / 80, 10) == "▏");
    CHECK(bar(0.5, 3) == "█▌");
    CHECK(bar(1, 4) == "████");
    CHECK(bar(2, 4) == "████");  // never past the width
}

TEST_CASE("report chart: an aligned table with bars, fitted to the width", "[unit][report]") {
    CHECK(render_chart(ratings(), 40, false) ==
          "Leads by rating\n"
          "RATING  COUNT   VALUE\n"
          "1_cold     10   1,500  █████████████████\n"
          "2_warm      5  250.50  ████████▌\n"
          "3_hot       0       0\n");
}

TEST_CASE("report chart: a narrow terminal cuts labels, not numbers or the bar", "[unit][report]") {
    const Table owners{"Win rate", {{"owner", Kind::label}, {"count", Kind::count}}, {{"A very long owner name", {3}}}, 0};
    CHECK(render_chart(owners, 30, false) ==
          "Win rate\n"
          "OWNER        COUNT\n"
          "A very lon…      3  ██████████\n");
}

TEST_CASE("report chart: colour makes the header bold and the bars coloured", "[unit][report]") {
    const Table one{"T", {{"k", Kind::label}, {"n", Kind::count}}, {{"a", {1}}}, 0};
    CHECK(render_chart(one, 20, true) ==
          "T\n"
          "\x1b[1mK  N\x1b[0m\n"
          "a  1  \x1b[36m██████████████\x1b[0m\n");
}

TEST_CASE("report queries: every report has a default and refuses an unknown --by", "[unit][report]") {
    CHECK(find_query("pipeline", "").by == "stage");
    CHECK(find_query("leads", "").by == "rating");
    CHECK(find_query("cases", "").by == "week");
    CHECK(find_query("pipeline", "owner").title == "Win rate by owner");
    CHECK_THROWS_AS(find_query("pipeline", "rating"), crm::UsageError);
    CHECK_THROWS_AS(find_query("widgets", ""), crm::UsageError);
}
