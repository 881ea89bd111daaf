#include "cli/bulk_cmd.h"

#include "bulk/filter.h"
#include "bulk/ids.h"
#include "bulk/journal.h"
#include "bulk/runner.h"
#include "bulk/wire.h"
#include "cli/entities.h"
#include "cli/integers.h"
#include "cli/records.h"
#include "errors.h"
#include "http/interrupt.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

namespace crm::cli {

namespace {

constexpr size_t kDryRunIds = 10;      // ids shown by --dry-run
constexpr size_t kDryRunBatches = 3;   // requests shown by --dry-run
constexpr size_t kProblemLines = 10;   // problems reported one by one
constexpr size_t kMaxDeleteLimit = 1'000'000'000;

// The numeric flags, checked.
struct Limits {
    size_t batch_size = 100;
    size_t parallel = 4;
    std::optional<size_t> max_delete;  // none: no limit
    bool max_delete_given = false;     // --max-delete N or --max-delete none
};

Limits limits_of(const BulkDeleteOptions& options) {
    Limits limits;
    if (options.batch_size) limits.batch_size = checked_integer("--batch-size", *options.batch_size, 1, 1000);
    if (options.parallel) limits.parallel = checked_integer("--parallel", *options.parallel, 1, 16);
    if (options.max_delete) {
        limits.max_delete_given = true;
        if (*options.max_delete != "none")
            limits.max_delete = checked_integer("--max-delete", *options.max_delete, 0, kMaxDeleteLimit, ", or none");
    }
    return limits;
}

bool has_filter(const api::ListParams& filter) { return !filter.named.empty() || !filter.raw.empty(); }

// Everything about a delete by filter that can be refused before anything is sent.
void check_filter_guards(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options,
                         const Limits& limits) {
    bulk::check_delete_filter(resource, options.filter, options.allow_unknown_filter);
    api::list_request(resource, options.filter, 1, api::kMaxPageSize);  // a bad filter value sends nothing
    // A cron job states how much it is willing to delete; a person at a terminal sees the count.
    if (!limits.max_delete_given && !ctx.io().can_prompt() && !ctx.globals().dry_run) {
        throw UsageError("a delete by filter off a terminal needs --max-delete N (refuse when more than N match) or "
                         "--max-delete none; nothing sent");
    }
}

// Every id matching the filter, listed page by page (1000 a page) before anything is deleted,
// so the listing never races with its own deletions. A dry run reads too: it needs the count.
bulk::IdSet ids_by_filter(Context& ctx, const api::Resource& resource, const api::ListParams& filter) {
    // A dry run reads too (Context::reader): the count is what it shows.
    http::Client& client = ctx.reader();
    bulk::IdSet set;
    auto make = [&](int page, std::optional<int> size) { return api::list_request(resource, filter, page, size); };
    walk_pages(ctx, client, make, {.size = api::kMaxPageSize, .all = true}, fmt::format("cannot list {}", resource.name),
               [&](const ListPage& page) {
                   for (const auto& record : page.items->GetArray()) {
                       const auto* id = record.IsObject() ? json::find(record, "id") : nullptr;
                       if (!id) throw Error(fmt::format("a listed {} has no id", resource.singular), kExitUnexpected);
                       set.add(json::scalar_text(*id));
                   }
                   return true;
               });
    return set;
}

bulk::IdSet select_ids(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options) {
    if (!options.ids.empty()) return bulk::read_id_lists(options.ids);
    if (options.ids_from) return bulk::read_ids(file_reader(ctx)(*options.ids_from));
    return ids_by_filter(ctx, resource, options.filter);
}

void check_one_source(const BulkDeleteOptions& options) {
    int sources = !options.ids.empty() + options.ids_from.has_value() + has_filter(options.filter);
    if (sources == 0)
        throw UsageError("say which records to delete: --ids, --ids-from FILE|- or a list filter (see --help)");
    if (sources > 1) throw UsageError("give exactly one of --ids, --ids-from and list filters");
}

// The job a journal belongs to: the id set, or for a delete by filter the filter itself (on a
// resume the filter matches fewer records: those already deleted).
bulk::Job job_of(const api::Resource& resource, const BulkDeleteOptions& options, const bulk::IdSet& selected) {
    if (!has_filter(options.filter)) return {.ids = selected.ids};
    std::vector<std::string> parts{resource.path};
    // A relative date is the job as written (`--created-before 90d` run again tomorrow is the same
    // cron job): it is hashed as resolved against a fixed "now", not today's.
    api::ListParams as_written = options.filter;
    as_written.now = api::Now{};
    for (const auto& [name, value] : api::list_request(resource, as_written, 1, api::kMaxPageSize).query) {
        if (name != "page" && name != "size") parts.push_back(name + "=" + value);
    }
    return {.filter = bulk::set_hash(parts)};
}

void report_selection(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options,
                      const bulk::IdSet& selected) {
    if (ctx.globals().quiet) return;
    if (has_filter(options.filter)) {
        ctx.report().note(fmt::format("{} {} the filter", api::counted(resource, selected.ids.size()),
                                      selected.ids.size() == 1 ? "matches" : "match"));
        return;
    }
    ctx.report().note(fmt::format("read {} ids: {} blank, {} duplicates, {} to delete", selected.read, selected.blank,
                                  selected.duplicates, selected.ids.size()));
}

void print_dry_run(Context& ctx, const api::Resource& resource, const Limits& limits, const std::vector<std::string>& ids) {
    auto& out = ctx.io().out();
    auto shown = std::min(ids.size(), kDryRunIds);
    out << fmt::format("would delete {}: {}", api::counted(resource, ids.size()),
                       fmt::join(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown), ", "));
    if (ids.size() > shown) out << fmt::format(", … ({} more)", ids.size() - shown);
    out << '\n';
    auto batches = bulk::make_batches(ids, limits.batch_size, 1);
    for (size_t i = 0; i < std::min(batches.size(), kDryRunBatches); ++i)
        ctx.print_dry_run(bulk::delete_request(resource, batches[i].ids));
    if (batches.size() > kDryRunBatches) out << fmt::format("... and {} more batches\n", batches.size() - kDryRunBatches);
}

// --failed-out: the ids to retry (failed, never sent, or sent without a usable answer).
void write_ids(const std::string& path, const bulk::Summary& summary) {
    std::string text;
    for (const auto* list : {&summary.failed, &summary.unknown}) {
        for (const auto& id : *list) text += id + '\n';
    }
    write_text_file(path, text);
}

// The problems (the first few), why the run stopped, and the one-line summary.
void report_outcome(Context& ctx, const api::Resource& resource, const bulk::Summary& summary) {
    auto& report = ctx.report();
    auto prefix = fmt::format("bulk delete {}: ", resource.name);
    report_problems(ctx, prefix, summary.problems, "POST", resource.bulk_path);
    if (!summary.stopped.empty()) report.error({.message = prefix + summary.stopped, .exit = summary.exit});
    if (!ctx.globals().quiet) {
        report.note(fmt::format("deleted {}, not found {}, failed {}, unknown {}, skipped {} (journal)", summary.deleted,
                                summary.not_found.size(), summary.failed.size(), summary.unknown.size(), summary.skipped));
    }
}

// The exit of a run that did not end well, as an exception for main() to print.
void throw_outcome(const bulk::Summary& summary, const BulkDeleteOptions& options) {
    if (summary.interrupted) throw Interrupted(http::interrupt_signal());
    if (summary.exit == kExitOk) return;
    size_t not_found = options.ignore_not_found ? 0 : summary.not_found.size();
    auto retry = summary.failed.empty() && summary.unknown.empty() ? std::string()
                 : options.failed_out ? fmt::format("; the failed and unknown are listed in {}", *options.failed_out)
                                      : std::string("; --failed-out FILE lists the failed and unknown");
    throw Error(fmt::format("{} of {} ids not deleted: {} failed, {} unknown, {} not found{}",
                            summary.failed.size() + summary.unknown.size() + not_found, summary.total,
                            summary.failed.size(), summary.unknown.size(), not_found, retry),
                summary.exit);
}

}  // namespace

void check_failed_out(const std::optional<std::string>& failed_out, const std::optional<std::string>& journal) {
    if (!failed_out || !journal) return;
    namespace fs = std::filesystem;
    std::error_code ignored;
    auto resolved = [&](const std::string& path) { return fs::weakly_canonical(fs::absolute(path, ignored), ignored); };
    bool same = fs::equivalent(*failed_out, *journal, ignored) ||  // hard links, symlinks
                resolved(*failed_out) == resolved(*journal);
    if (same) throw UsageError(fmt::format("--failed-out {} is the journal; give another file; nothing sent", *failed_out));
}

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::trunc);
    file << text;
    file.flush();
    if (!file) throw Error(fmt::format("cannot write {}: {}", path, std::strerror(errno)), kExitUnexpected);
}

void report_problems(Context& ctx, std::string_view prefix, const std::vector<term::Problem>& problems,
                     std::string_view method, std::string_view path) {
    for (size_t i = 0; i < std::min(problems.size(), kProblemLines); ++i) {
        auto problem = problems[i];
        problem.message = std::string(prefix) + problem.message;
        if (problem.method.empty()) problem.method = method;
        if (problem.path.empty()) problem.path = path;
        ctx.report().error(problem);
    }
    if (problems.size() > kProblemLines)
        ctx.report().error({.message = fmt::format("{}... and {} more problems", prefix, problems.size() - kProblemLines)});
}

void run_bulk_delete(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& given) {
    BulkDeleteOptions options = given;
    options.filter.now = ctx.now();  // relative dates: one "now" for the whole run
    if (resource.bulk_path.empty()) throw UsageError(fmt::format("{} have no bulk actions", resource.name));
    auto limits = limits_of(options);
    check_one_source(options);
    if (has_filter(options.filter)) check_filter_guards(ctx, resource, options, limits);
    check_failed_out(options.failed_out, options.journal);

    auto selected = select_ids(ctx, resource, options);
    report_selection(ctx, resource, options, selected);
    const auto& ids = selected.ids;
    if (limits.max_delete && ids.size() > *limits.max_delete) {
        throw UsageError(fmt::format("{} {} selected, more than --max-delete {}; nothing deleted", ids.size(),
                                     resource.name, *limits.max_delete));
    }
    if (ctx.globals().dry_run) {
        print_dry_run(ctx, resource, limits, ids);
        return;
    }
    if (ids.empty()) {
        if (!ctx.globals().quiet) ctx.report().note("nothing to delete");
        return;
    }

    http::Client& client = ctx.client();  // a missing key fails here, before anything is journaled
    std::unique_ptr<bulk::Journal> journal;
    if (options.journal) {
        journal = std::make_unique<bulk::Journal>(*options.journal, resource.bulk_entity, job_of(resource, options, selected));
    }
    auto to_send = static_cast<size_t>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
        return !journal || !journal->state().accepted.contains(id);
    }));
    std::string question = to_send == ids.size()
                               ? fmt::format("Delete {}?", api::counted(resource, to_send))
                               : fmt::format("Delete {} ({} already deleted, per the journal)?",
                                             api::counted(resource, to_send), ids.size() - to_send);
    confirm_or_throw(ctx, options.yes, question);
    if (options.failed_out) write_ids(*options.failed_out, {});  // fail now, not after the run, if it cannot be written

    term::Progress progress(ctx.io(), fmt::format("deleting {}", resource.name), to_send);
    bulk::RunOptions run_options{
        .batch_size = limits.batch_size,
        .parallel = limits.parallel,
        .ignore_not_found = options.ignore_not_found,
        .journal = journal.get(),
        .interrupted = [] { return http::interrupt_requested(); },
        .on_progress = [&progress](size_t done, size_t, size_t retries) { progress.update(done, retries); },
    };
    auto send = [&](const std::vector<bulk::Batch>& batches, const bulk::OnAnswer& on_answer) {
        std::vector<http::Request> requests;
        requests.reserve(batches.size());
        for (const auto& batch : batches) requests.push_back(bulk::delete_request(resource, batch.ids));
        client.send_many(requests, static_cast<int>(limits.parallel),
                         [&](size_t index, http::Result&& result) { on_answer(index, bulk::answer_of(result)); });
    };
    auto summary = bulk::run_delete(ids, send, run_options);
    progress.finish();

    report_outcome(ctx, resource, summary);
    if (options.failed_out) write_ids(*options.failed_out, summary);
    throw_outcome(summary, options);
}

}  // namespace crm::cli
