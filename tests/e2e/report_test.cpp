// crm report end to end: the numbers it prints equal those computed independently, with jq
// over `crm … list --all -o json` of the same sandbox data, and are the same from an export
// (--from) as from a live walk.
#include "e2e.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace crmtest;

namespace {

std::string ok(const SandboxProcess& sandbox, const std::vector<std::string>& args, RunOptions options = {}) {
    auto r = crm(sandbox, args, std::move(options));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::string sorted_lines(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// jq -r EXPR over a file: its lines, sorted.
std::string jq(const std::string& expr, const std::string& file) {
    auto r = run({"/usr/bin/jq", "-r", expr, file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return sorted_lines(r.out);
}

// A report's json rows as "a,b,c" lines of these keys, sorted; numbers as whole numbers (a
// percentage ×10, rounded: one decimal).
std::string rows(const std::string& json, const std::vector<std::string>& keys) {
    auto doc = parse(json);
    std::string out;
    for (const auto& row : doc.GetArray()) {
        std::string line;
        for (const auto& key : keys) {
            const auto& v = row[key.c_str()];
            line += line.empty() ? "" : ",";
            if (v.IsString()) line += v.GetString();
            else if (key == "win_rate") line += std::to_string(std::lround(v.GetDouble() * 10));
            else line += std::to_string(std::llround(v.GetDouble()));
        }
        out += line + "\n";
    }
    return sorted_lines(out);
}

}  // namespace

TEST_CASE("report: the numbers equal jq's over the same records, live and from an export", "[e2e][report]") {
    SandboxProcess sandbox({"--seed-records", "1000"});
    TempDir dir("report");
    std::ofstream(dir / "opps.json") << ok(sandbox, {"opportunities", "list", "--all", "-o", "json"});
    std::ofstream(dir / "leads.json") << ok(sandbox, {"leads", "list", "--all", "-o", "json"});
    std::ofstream(dir / "cases.json") << ok(sandbox, {"cases", "list", "--all", "-o", "json"});
    ok(sandbox, {"export", "--to", dir / "crm.sqlite"});
    // The live walk and the export give the same answer.
    auto both = [&](std::vector<std::string> args) {
        const std::string live = ok(sandbox, args);
        args.insert(args.end(), {"--from", dir / "crm.sqlite"});
        CHECK(ok(sandbox, args) == live);
        return live;
    };

    SECTION("pipeline: open opportunities by stage, count and value") {
        const std::string labels =
            R"jq({"stage-new":"New","stage-qualified":"Qualified","stage-xyz":"Proposal",)jq"
            R"jq("395f9a11-c7d5-4d91-b4bb-8c964cf8d329":"Negotiation","stage-closing":"Closing"})jq";
        CHECK(rows(both({"report", "pipeline", "-o", "json"}), {"stage", "count", "value"}) ==
              jq(labels + R"jq( as $l | map(select(.status == "open")) | group_by(.stage)[] | )jq"
                          R"jq("Sales Pipeline / \($l[.[0].stage]),\(length),\(map(.value.amount) | add)")jq",
                 dir / "opps.json"));
    }
    SECTION("pipeline: win rate by owner") {
        CHECK(rows(both({"report", "pipeline", "--by", "owner", "-o", "json"}), {"owner", "won", "lost", "win_rate"}) ==
              jq(R"jq(group_by(.owner.name)[] | (map(select(.status == "won")) | length) as $w | )jq"
                 R"jq((map(select(.status == "lost")) | length) as $l | )jq"
                 R"jq("\(.[0].owner.name),\($w),\($l),\(if $w + $l > 0 then (1000 * $w / ($w + $l) | round) else 0 end)")jq",
                 dir / "opps.json"));
    }
    SECTION("leads by rating and by origin") {
        CHECK(rows(both({"report", "leads", "-o", "json"}), {"rating", "count", "value"}) ==
              jq(R"jq(group_by(.leadRating)[] | "\(.[0].leadRating),\(length),\(map(.value.amount) | add)")jq",
                 dir / "leads.json"));
        CHECK(rows(both({"report", "leads", "--by", "origin", "-o", "json"}), {"origin", "count"}) ==
              jq(R"jq(group_by(.origin)[] | "\(.[0].origin),\(length)")jq", dir / "leads.json"));
    }
    SECTION("cases opened and closed by week, open cases by age") {
        // Weeks start on Monday: the date of the Monday on or before the day.
        const std::string monday = R"jq((.[0:10] + "T00:00:00Z" | fromdate) as $d | )jq"
                                   R"jq(($d - ((($d / 86400 | floor) + 3) % 7) * 86400) | strftime("%Y-%m-%d"))jq";
        CHECK(rows(both({"report", "cases", "-o", "json"}), {"week", "opened", "closed"}) ==
              jq("[.[] | {o: (.createdAt | " + monday + "), c: (if .status == \"closed\" then (.updatedAt | " + monday +
                     ") else null end)}] as $all | ([$all[].o] + [$all[].c | select(. != null)] | unique)[] as $w | "
                     "\"\\($w),\\([$all[] | select(.o == $w)] | length),\\([$all[] | select(.c == $w)] | length)\"",
                 dir / "cases.json"));
        CHECK(rows(both({"report", "cases", "--by", "age", "-o", "json"}), {"age", "count"}) ==
              jq(R"jq("90+ days,\(map(select(.status != "closed")) | length)")jq", dir / "cases.json"));
    }
}

TEST_CASE("report: a table with bars that fits the width, and csv for machines", "[e2e][report]") {
    SandboxProcess sandbox({"--seed-records", "400"});
    RunOptions narrow;
    narrow.env["COLUMNS"] = "50";
    const std::string table = ok(sandbox, {"report", "leads", "--by", "owner", "-o", "table"}, narrow);
    std::istringstream lines(table);
    std::string line;
    std::getline(lines, line);
    CHECK(line == "Leads by owner");
    std::getline(lines, line);
    CHECK(line.rfind("OWNER", 0) == 0);
    size_t bars = 0;
    while (std::getline(lines, line)) {
        size_t width = 0;
        for (unsigned char c : line) width += (c & 0xC0) != 0x80;
        INFO(line);
        CHECK(width <= 50);
        bars += line.find("█") != std::string::npos;
    }
    CHECK(bars == 8);  // the sandbox's eight owners

    const std::string csv = ok(sandbox, {"report", "pipeline", "-o", "csv"});
    CHECK(csv.rfind("stage,count,value\nSales Pipeline / New,", 0) == 0);
    // --jq and --fields apply to a report's rows as to any list (they were ignored once).
    const std::string counts = ok(sandbox, {"report", "pipeline", "--jq", ".count"});
    std::istringstream first_row(csv.substr(csv.find('\n') + 1));  // "Sales Pipeline / New,COUNT,VALUE"
    std::string stage, count;
    std::getline(first_row, stage, ',');
    std::getline(first_row, count, ',');
    CHECK(counts.rfind(count + "\n", 0) == 0);
    CHECK(counts.find('{') == std::string::npos);
    CHECK(ok(sandbox, {"report", "pipeline", "-o", "ndjson", "--fields", "stage"}).rfind(
              R"({"stage":"Sales Pipeline / New"})" "\n", 0) == 0);

    // --since: only what was created since (the seeded records are from 2024).
    ok(sandbox, {"leads", "create", "-f", "title=New", "-f", "leadRating=3_hot", "-F", "value.amount=5000"});
    CHECK(ok(sandbox, {"report", "leads", "--since", "today", "-o", "json"}) ==
          R"([{"rating":"3_hot","count":1,"value":5000.0}])" "\n");

    auto bad = crm(sandbox, {"report", "leads", "--by", "stage"});
    CHECK(bad.exit_code == 2);
    CHECK(crm(sandbox, {"report", "leads", "-o", "ids"}).exit_code == 2);
    auto missing = crm(sandbox, {"report", "leads", "--from", "/nonexistent/crm.sqlite"});
    CHECK(missing.exit_code == 2);
    TempDir dir("report-from");
    REQUIRE(run({"/usr/bin/sqlite3", dir / "other.sqlite", "CREATE TABLE leads(id)"}).exit_code == 0);
    auto other = crm(sandbox, {"report", "leads", "--from", dir / "other.sqlite"});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("not an export of crm") != std::string::npos);
}
