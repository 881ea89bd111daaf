#include "report/report.h"

#include "errors.h"
#include "export/export.h"
#include "json/json.h"
#include "render/render.h"
#include "report/chart.h"
#include "report/queries.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

namespace crm::report {

namespace {

Table run_query(exporting::Db& db, const Query& query, const std::string& since, const std::string& now) {
    Table table{query.title, query.columns, {}, query.chart};
    exporting::Statement st = db.prepare(query.sql);
    st.bind_text(1, since);
    if (st.parameters() >= 2) st.bind_text(2, now);
    while (st.step()) {
        Row row{st.text(0), {}};
        for (int c = 1; c < st.columns(); ++c) row.values.push_back(st.real(c));
        table.rows.push_back(std::move(row));
    }
    return table;
}

// A row as a record: its label, then counts as integers and the rest as numbers.
json::Document json_row(const Table& table, const Row& row) {
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    doc.AddMember(json::Value(table.columns[0].name.c_str(), a), json::Value(row.label.c_str(), a), a);
    for (size_t v = 0; v < row.values.size() && v + 1 < table.columns.size(); ++v) {
        const Column& column = table.columns[v + 1];
        json::Value value;
        if (column.kind == Kind::count) value.SetInt64(static_cast<int64_t>(row.values[v]));
        else value.SetDouble(row.values[v]);
        doc.AddMember(json::Value(column.name.c_str(), a), value, a);
    }
    return doc;
}

// The chart's width: the terminal's; off a terminal $COLUMNS (a script that sets it gets
// that), else 80.
int chart_width(cli::Context& ctx) {
    if (ctx.io().width() > 0) return ctx.io().width();
    if (auto columns = ctx.getenv()("COLUMNS")) {
        int n = 0;
        auto [end, error] = std::from_chars(columns->data(), columns->data() + columns->size(), n);
        if (error == std::errc() && end == columns->data() + columns->size() && n > 0) return n;
    }
    return 80;
}

void print(cli::Context& ctx, const Table& table, render::Format format) {
    auto& out = ctx.io().out();
    switch (format) {
        case render::Format::table: {
            out << render_chart(table, chart_width(ctx), ctx.io().traits().color_out);
            if (table.rows.empty() && !ctx.globals().quiet) ctx.report().note("no records to report");
            return;
        }
        case render::Format::json:
        case render::Format::ndjson: {
            // Through the renderer every list command uses: --jq, --slurp and --fields apply.
            auto renderer = ctx.renderer({});
            renderer->begin_list();
            for (const auto& row : table.rows) renderer->record(json_row(table, row));
            renderer->end_list();
            return;
        }
        case render::Format::csv:
        case render::Format::tsv: {
            const bool csv = format == render::Format::csv;
            auto field = [&](const std::string& text) { return csv ? render::csv_field(text) : render::tsv_field(text); };
            const char* sep = csv ? "," : "\t";
            if (!ctx.globals().no_headers) {
                for (size_t c = 0; c < table.columns.size(); ++c) out << (c ? sep : "") << field(table.columns[c].name);
                out << '\n';
            }
            for (const auto& row : table.rows) {
                out << field(row.label);
                for (double value : row.values) out << sep << fmt::format("{}", value);
                out << '\n';
            }
            return;
        }
        case render::Format::ids:
            break;
    }
}

}  // namespace

void run_report(cli::Context& ctx, const ReportOptions& o) {
    const Query& query = find_query(o.report, o.by);
    const render::Format format = ctx.format();
    if (format == render::Format::ids)  // checked before anything is sent
        throw UsageError("crm report prints table, json, ndjson, csv or tsv, not ids");
    std::string since;
    if (o.since) {
        since = api::resolve_date(*o.since, ctx.now());
        if (since.empty())
            throw UsageError(fmt::format("--since must be a date: ISO 8601 or relative (90d, 2w, 12h, today), got '{}'",
                                         *o.since));
    }
    const std::string now = api::format_utc(ctx.now());
    if (o.from) {
        std::error_code ignored;
        if (!std::filesystem::is_regular_file(*o.from, ignored))
            throw UsageError(fmt::format("--from {}: no such file (write one with crm export --to FILE.sqlite)", *o.from));
        exporting::Db db(*o.from, false, false);
        if (!db.has_table(entity_of(o.report)) || !db.has_table("crm_export_state"))
            throw UsageError(fmt::format("--from {}: not an export of crm (write one with crm export --to FILE.sqlite)",
                                         *o.from));
        print(ctx, run_query(db, query, since, now), format);
        return;
    }
    if (ctx.globals().dry_run) throw UsageError("crm report sends only reads; --dry-run has nothing to show");
    // A private temporary database (SQLite's "" file name): on disk, removed when closed.
    exporting::Db db("", true, true);
    const exporting::EntityTable* table = exporting::find_entity_table(entity_of(o.report));
    exporting::load_live(ctx, db, {table}, o.since ? std::optional<std::string>(since) : std::nullopt, o.parallel);
    print(ctx, run_query(db, query, since, now), format);
}

}  // namespace crm::report
