#include "report/queries.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace crm::report {

namespace {

const Column kCount{"count", Kind::count};
const Column kValue{"value", Kind::amount};

// "records of <table> since ?1, grouped by <label>": count and summed value per label.
Query by_label(std::string report, std::string by, std::string title, std::string label_name, const std::string& table,
               const std::string& label_sql, const std::string& where = "1") {
    return {std::move(report), std::move(by), std::move(title), {{std::move(label_name), Kind::label}, kCount, kValue}, 1,
            fmt::format("SELECT coalesce({1}, '(none)') AS label, count(*), coalesce(sum(value_amount), 0) FROM {0} "
                        "WHERE {2} AND (?1 = '' OR created_at >= ?1) GROUP BY 1 ORDER BY 1",
                        table, label_sql, where)};
}

std::vector<Query> build() {
    std::vector<Query> q;
    // The pipeline: open opportunities by stage, in the stages' order.
    q.push_back({"pipeline", "stage", "Open opportunities by stage", {{"stage", Kind::label}, kCount, kValue}, 1,
                 "SELECT coalesce(p.name, o.pipeline_id, '(none)') || ' / ' || coalesce(s.label, o.stage_key, '(none)'), "
                 "count(*), coalesce(sum(o.value_amount), 0) FROM opportunities o "
                 "LEFT JOIN pipelines p ON p.id = o.pipeline_id "
                 "LEFT JOIN stages s ON s.pipeline_id = o.pipeline_id AND s.key = o.stage_key "
                 "WHERE o.status = 'open' AND (?1 = '' OR o.created_at >= ?1) "
                 "GROUP BY o.pipeline_id, o.stage_key ORDER BY p.name, s.position, o.stage_key"});
    // Win rate: won / (won + lost), per owner.
    q.push_back({"pipeline", "owner", "Win rate by owner",
                 {{"owner", Kind::label}, {"won", Kind::count}, {"lost", Kind::count}, {"win_rate", Kind::percent},
                  {"won_value", Kind::amount}},
                 2,
                 "SELECT coalesce(owner_name, owner_id, '(none)'), sum(status = 'won'), sum(status = 'lost'), "
                 "coalesce(100.0 * sum(status = 'won') / nullif(sum(status IN ('won', 'lost')), 0), 0), "
                 "coalesce(sum(CASE WHEN status = 'won' THEN value_amount END), 0) FROM opportunities "
                 "WHERE (?1 = '' OR created_at >= ?1) GROUP BY 1 ORDER BY 4 DESC, 1"});
    q.push_back(by_label("pipeline", "status", "Opportunities by status", "status", "opportunities", "status"));
    q.push_back(by_label("pipeline", "month", "Opportunities by month created", "month", "opportunities",
                         "substr(created_at, 1, 7)"));
    q.push_back(by_label("leads", "rating", "Leads by rating", "rating", "leads", "lead_rating"));
    q.push_back(by_label("leads", "origin", "Leads by origin", "origin", "leads", "origin"));
    q.push_back(by_label("leads", "owner", "Leads by owner", "owner", "leads", "coalesce(owner_name, owner_id)"));
    q.push_back(by_label("leads", "month", "Leads by month created", "month", "leads", "substr(created_at, 1, 7)"));
    // Opened by the week of creation; closed by the week of the last update of a closed case
    // (the API has no closing date). Weeks start on Monday.
    q.push_back({"cases", "week", "Cases opened and closed by week",
                 {{"week", Kind::label}, {"opened", Kind::count}, {"closed", Kind::count}}, 0,
                 "SELECT week, sum(opened), sum(closed) FROM ("
                 "SELECT date(created_at, '-6 days', 'weekday 1') AS week, 1 AS opened, 0 AS closed FROM cases "
                 "WHERE ?1 = '' OR created_at >= ?1 UNION ALL "
                 "SELECT date(updated_at, '-6 days', 'weekday 1'), 0, 1 FROM cases "
                 "WHERE status = 'closed' AND (?1 = '' OR updated_at >= ?1)) WHERE week IS NOT NULL "
                 "GROUP BY week ORDER BY week"});
    q.push_back({"cases", "age", "Open cases by age", {{"age", Kind::label}, kCount}, 0,
                 "SELECT CASE WHEN age < 7 THEN '0-6 days' WHEN age < 30 THEN '7-29 days' WHEN age < 90 THEN '30-89 days' "
                 "ELSE '90+ days' END, count(*) FROM (SELECT julianday(?2) - julianday(created_at) AS age FROM cases "
                 "WHERE coalesce(status, '') != 'closed' AND created_at IS NOT NULL AND (?1 = '' OR created_at >= ?1)) "
                 "GROUP BY 1 ORDER BY min(age)"});
    for (const auto& [by, label, sql] : std::vector<std::array<std::string, 3>>{
             {"status", "status", "status"},
             {"priority", "priority", "priority"},
             {"type", "type", "(SELECT label FROM case_types t WHERE t.id = cases.case_type_id)"},
             {"owner", "owner", "coalesce(owner_name, owner_id)"}}) {
        q.push_back({"cases", by, "Cases by " + by, {{label, Kind::label}, kCount}, 0,
                     fmt::format("SELECT coalesce({}, '(none)'), count(*) FROM cases WHERE ?1 = '' OR created_at >= ?1 "
                                 "GROUP BY 1 ORDER BY 1",
                                 sql)});
    }
    return q;
}

}  // namespace

const std::vector<Query>& queries() {
    static const std::vector<Query> all = build();
    return all;
}

std::vector<std::string> report_names() {
    std::vector<std::string> names;
    for (const auto& q : queries()) {
        if (std::find(names.begin(), names.end(), q.report) == names.end()) names.push_back(q.report);
    }
    return names;
}

std::vector<std::string> by_names(std::string_view report) {
    std::vector<std::string> names;
    for (const auto& q : queries()) {
        if (q.report == report) names.push_back(q.by);
    }
    return names;
}

const Query& find_query(std::string_view report, std::string_view by) {
    for (const auto& q : queries()) {
        if (q.report == report && (by.empty() || q.by == by)) return q;
    }
    if (by_names(report).empty())
        throw UsageError(fmt::format("no report '{}'; use one of: {}", report, fmt::join(report_names(), ", ")));
    throw UsageError(fmt::format("crm report {} --by must be one of: {}; got '{}'", report, fmt::join(by_names(report), ", "), by));
}

std::string entity_of(std::string_view report) { return report == "pipeline" ? "opportunities" : std::string(report); }

}  // namespace crm::report
