#include "cli/import_cmd.h"

#include "api/requests.h"
#include "bulk/ids.h"
#include "bulk/import_run.h"
#include "bulk/wire.h"
#include "cli/bulk_cmd.h"
#include "cli/entities.h"
#include "cli/integers.h"
#include "cli/records.h"
#include "errors.h"
#include "http/interrupt.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace crm::cli {

namespace {

constexpr size_t kHeldShown = 50;  // row numbers listed in the warning about held rows
constexpr std::string_view kOutcomes[] = {"created", "updated", "failed", "unknown"};

std::string_view outcome_name(bulk::RowOutcome outcome) { return kOutcomes[static_cast<size_t>(outcome)]; }

// The request of each row, built (and its identity stamped) before anything is sent.
std::vector<http::Request> requests_of(Context& ctx, const api::Resource& resource, std::vector<bulk::Row>& rows) {
    std::vector<http::Request> requests;
    requests.reserve(rows.size());
    auto who = identity(ctx);
    for (auto& row : rows) {
        api::stamp_identity(row.body, who, row.update ? api::Stamp::update : api::Stamp::create);
        requests.push_back(row.update ? api::import_update_request(resource, row.id, row.body)
                                      : api::create_request(resource, row.body));
    }
    return requests;
}

// The job a journal belongs to: the rows as read, numbered, and what is done with their ids.
std::string job_of(const bulk::Input& input, bool update_by_id) {
    std::vector<std::string> parts{update_by_id ? "update-by id" : "create"};
    for (const auto& row : input.rows) parts.push_back(fmt::format("{}:{}", row.number, row.source));
    return bulk::set_hash(parts);
}

// A create's new id, from the answer's "item" (the sandbox's and most servers' shape) or the
// body itself; empty when the answer has none (the reference documents no body for a create).
std::string created_id(const http::Result& result) {
    try {
        auto doc = json::parse(result.response.body);
        const auto* id = json::find(doc, "item.id");
        if (!id && doc.IsObject()) id = json::find(doc, "id");
        return id ? json::scalar_text(*id) : std::string();
    } catch (const json::ParseError&) {
        return {};
    }
}

// -o json/ndjson/csv …: one result per row, in row order (the table shows only the summary).
void print_results(Context& ctx, const bulk::ImportSummary& summary) {
    if (ctx.format() == render::Format::table) return;
    auto renderer = ctx.renderer({"row", "outcome", "id"});
    renderer->begin_list();
    for (const auto& result : summary.results) {
        json::Document record(rapidjson::kObjectType);
        auto& alloc = record.GetAllocator();
        record.AddMember("row", static_cast<uint64_t>(result.row), alloc);
        record.AddMember("outcome", json::str(outcome_name(result.outcome), alloc), alloc);
        if (!result.id.empty()) record.AddMember("id", json::str(result.id, alloc), alloc);
        renderer->record(record);
    }
    renderer->end_page();
    renderer->end_list();
}

void report_outcome(Context& ctx, const api::Resource& resource, const bulk::ImportSummary& summary) {
    auto prefix = fmt::format("import {}: ", resource.name);
    report_problems(ctx, prefix, summary.problems, "", "");
    if (!summary.stopped.empty() && !summary.interrupted)
        ctx.report().error({.message = prefix + summary.stopped, .exit = summary.exit});
    if (!summary.held.empty()) {
        const auto& held = summary.held;
        auto shown = static_cast<std::ptrdiff_t>(std::min(held.size(), kHeldShown));
        auto more = held.size() > kHeldShown ? fmt::format(" … and {} more", held.size() - kHeldShown) : "";
        ctx.report().warning(fmt::format("{}{} rows were sent by an earlier run without an answer and are not sent again "
                                         "(check them; --resend-unknown sends them): rows {}{}",
                                         prefix, held.size(), fmt::join(held.begin(), held.begin() + shown, ", "), more));
    }
    if (ctx.globals().quiet) return;
    std::string skipped = summary.skipped ? fmt::format(", skipped {} (journal)", summary.skipped) : "";
    ctx.report().note(fmt::format("created {}, updated {}, failed {}, unknown {}{}", summary.created, summary.updated,
                                  summary.failed, summary.unknown, skipped));
}

// --failed-out: the failed and unknown rows, in the input's format.
void write_failed(const std::string& path, const bulk::Input& input, const bulk::ImportSummary& summary) {
    std::vector<const bulk::Row*> rows;
    auto result = summary.results.begin();
    for (const auto& row : input.rows) {
        while (result != summary.results.end() && result->row < row.number) ++result;
        if (result == summary.results.end() || result->row != row.number) continue;
        if (result->outcome == bulk::RowOutcome::failed || result->outcome == bulk::RowOutcome::unknown) rows.push_back(&row);
    }
    write_text_file(path, bulk::write_rows(input, rows));
}

void throw_outcome(const bulk::ImportSummary& summary, const ImportFlags& flags) {
    if (summary.interrupted) throw Interrupted(http::interrupt_signal());
    if (summary.exit == kExitOk) return;
    auto retry = flags.failed_out ? fmt::format("; they are in {}", *flags.failed_out)
                                  : std::string("; --failed-out FILE writes them out for a retry");
    throw Error(fmt::format("{} of {} rows not imported: {} failed, {} unknown{}", summary.failed + summary.unknown,
                            summary.total, summary.failed, summary.unknown, retry),
                summary.exit);
}

}  // namespace

void run_import(Context& ctx, const api::Resource& resource, const ImportFlags& flags) {
    size_t parallel = flags.parallel ? static_cast<size_t>(checked_integer("--parallel", *flags.parallel, 1, 16)) : 4;
    check_failed_out(flags.failed_out, flags.journal);
    std::vector<std::string> string_fields;
    for (const auto& value : flags.string_fields) {
        auto parts = api::split_list(value);
        string_fields.insert(string_fields.end(), parts.begin(), parts.end());
    }
    std::string text = file_reader(ctx)(flags.file);
    auto format = bulk::input_format(flags.format, flags.file, text);
    bool update_by_id = flags.update_by.has_value();
    auto input = bulk::read_rows(text, format, resource, {.update_by_id = update_by_id, .string_fields = string_fields});
    auto requests = requests_of(ctx, resource, input.rows);
    if (ctx.globals().dry_run) {
        for (const auto& request : requests) ctx.print_dry_run(request);
        return;
    }
    if (input.rows.empty()) {
        if (!ctx.globals().quiet) ctx.report().note("nothing to import");
        return;
    }
    auto updates = std::ranges::count_if(input.rows, &bulk::Row::update);
    if (updates > 0) confirm_or_throw(ctx, flags.yes, fmt::format("Update {} {} by id?", updates, resource.name));

    http::Client& client = ctx.client();  // a missing key fails here, before anything is journaled
    std::unique_ptr<bulk::ImportJournal> journal;
    if (flags.journal)
        journal = std::make_unique<bulk::ImportJournal>(*flags.journal, resource.singular, job_of(input, update_by_id));
    if (flags.failed_out) write_text_file(*flags.failed_out, "");  // fail now, not after the run

    // Made at the first answer, when the run knows how many rows it sends (a resume skips some).
    std::optional<term::Progress> progress;
    bulk::ImportOptions options{
        .journal = journal.get(),
        .resend_unknown = flags.resend_unknown,
        .interrupted = [] { return http::interrupt_requested(); },
        .on_progress =
            [&](size_t done, size_t total, size_t retries) {
                if (!progress) progress.emplace(ctx.io(), fmt::format("importing {}", resource.name), total);
                progress->update(done, retries);
            },
    };
    auto send = [&](const bulk::NextRow& next, const bulk::OnRowAnswer& on_answer) {
        std::vector<size_t> pulled;  // the row index of each request handed to the client
        auto pull = [&]() -> std::optional<http::Request> {
            auto index = next();
            if (!index) return std::nullopt;
            pulled.push_back(*index);
            return requests[*index];
        };
        client.send_stream(pull, static_cast<int>(parallel), [&](size_t n, http::Result&& result) {
            auto answer = bulk::answer_of(result);
            if (answer.kind == bulk::Answer::Kind::accepted) answer.id = created_id(result);
            if (!on_answer(pulled[n], std::move(answer))) client.stop_sending();
        });
    };
    auto summary = bulk::run_import(input.rows, send, options);
    if (progress) progress->finish();

    print_results(ctx, summary);
    report_outcome(ctx, resource, summary);
    if (flags.failed_out) write_failed(*flags.failed_out, input, summary);
    throw_outcome(summary, flags);
}

}  // namespace crm::cli
