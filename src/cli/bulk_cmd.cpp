#include "cli/bulk_cmd.h"

#include "bulk/ids.h"
#include "bulk/journal.h"
#include "bulk/runner.h"
#include "bulk/wire.h"
#include "cli/entities.h"
#include "cli/records.h"
#include "errors.h"
#include "http/interrupt.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace crm::cli {

namespace {

constexpr size_t kDryRunIds = 10;      // ids shown by --dry-run
constexpr size_t kDryRunBatches = 3;   // requests shown by --dry-run
constexpr size_t kProblemLines = 10;   // failed batches reported one by one

bool has_filter(const api::ListParams& filter) { return !filter.named.empty() || !filter.raw.empty(); }

// Every id matching the filter, listed page by page (1000 a page) before anything is deleted,
// so the listing never races with its own deletions. A dry run reads too: it needs the count.
bulk::IdSet ids_by_filter(Context& ctx, const api::Resource& resource, const api::ListParams& filter) {
    // Context keeps the key from a dry run's client (it only prints); this listing must read.
    std::unique_ptr<http::Client> reader;
    if (ctx.globals().dry_run) {
        auto config = ctx.client_config();
        config.api_key = ctx.settings().api_key();
        reader = http::make_client(std::move(config));
    }
    http::Client& client = reader ? *reader : ctx.client();
    bulk::IdSet set;
    auto make = [&](int page, std::optional<int> size) { return api::list_request(resource, filter, page, size); };
    walk_pages(ctx, client, make, {.size = api::kMaxPageSize, .all = true}, fmt::format("cannot list {}", resource.name),
               [&](const json::Value& items) {
                   for (const auto& record : items.GetArray()) {
                       const auto* id = record.IsObject() ? json::find(record, "id") : nullptr;
                       if (!id) throw Error(fmt::format("a listed {} has no id", resource.singular), kExitUnexpected);
                       set.add(json::scalar_text(*id));
                   }
                   return true;
               });
    return set;
}

bulk::IdSet select_ids(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options) {
    int sources = !options.ids.empty() + options.ids_from.has_value() + has_filter(options.filter);
    if (sources == 0)
        throw UsageError("say which records to delete: --ids, --ids-from FILE|- or a list filter (see --help)");
    if (sources > 1) throw UsageError("give exactly one of --ids, --ids-from and list filters");
    if (!options.ids.empty()) return bulk::read_id_lists(options.ids);
    if (options.ids_from) return bulk::read_id_lines(file_reader(ctx)(*options.ids_from));
    api::list_request(resource, options.filter, 1, api::kMaxPageSize);  // a bad filter value sends nothing
    return ids_by_filter(ctx, resource, options.filter);
}

// The job a journal belongs to: the id set, or for a delete by filter the filter itself (on a
// resume the filter matches fewer records: those already deleted).
std::string job_of(const api::Resource& resource, const BulkDeleteOptions& options, const bulk::IdSet& selected) {
    if (!has_filter(options.filter)) return "ids " + bulk::set_hash(selected.ids);
    std::vector<std::string> parts{resource.path};
    for (const auto& [name, value] : api::list_request(resource, options.filter, 1, api::kMaxPageSize).query) {
        if (name != "page" && name != "size") parts.push_back(name + "=" + value);
    }
    return "filter " + bulk::set_hash(parts);
}

void report_selection(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options,
                      const bulk::IdSet& selected) {
    if (ctx.globals().quiet) return;
    if (has_filter(options.filter)) {
        ctx.io().err() << fmt::format("{} {} match the filter\n", selected.ids.size(), resource.name);
        return;
    }
    ctx.io().err() << fmt::format("read {} ids: {} blank, {} duplicates, {} to delete\n", selected.read, selected.blank,
                                  selected.duplicates, selected.ids.size());
}

void print_dry_run(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options,
                   const std::vector<std::string>& ids) {
    auto& out = ctx.io().out();
    auto shown = std::min(ids.size(), kDryRunIds);
    out << fmt::format("would delete {} {}: {}", ids.size(), resource.name,
                       fmt::join(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown), ", "));
    if (ids.size() > shown) out << fmt::format(", … ({} more)", ids.size() - shown);
    out << '\n';
    auto batches = bulk::make_batches(ids, options.batch_size, 1);
    for (size_t i = 0; i < std::min(batches.size(), kDryRunBatches); ++i)
        ctx.print_dry_run(bulk::delete_request(resource, batches[i].ids));
    if (batches.size() > kDryRunBatches) out << fmt::format("... and {} more batches\n", batches.size() - kDryRunBatches);
}

void write_ids(const std::string& path, const bulk::Summary& summary) {
    std::ofstream file(path, std::ios::trunc);
    for (const auto* list : {&summary.failed, &summary.unknown}) {
        for (const auto& id : *list) file << id << '\n';
    }
    file.flush();
    if (!file) throw Error(fmt::format("cannot write {}: {}", path, std::strerror(errno)), kExitUnexpected);
}

}  // namespace

void run_bulk_delete(Context& ctx, const api::Resource& resource, const BulkDeleteOptions& options) {
    if (resource.bulk_path.empty()) throw UsageError(fmt::format("{} have no bulk actions", resource.name));
    auto selected = select_ids(ctx, resource, options);
    report_selection(ctx, resource, options, selected);
    const auto& ids = selected.ids;
    if (options.max_delete && ids.size() > *options.max_delete) {
        throw UsageError(fmt::format("{} {} selected, more than --max-delete {}; nothing deleted", ids.size(),
                                     resource.name, *options.max_delete));
    }
    if (ctx.globals().dry_run) {
        print_dry_run(ctx, resource, options, ids);
        return;
    }
    if (ids.empty()) {
        if (!ctx.globals().quiet) ctx.io().err() << fmt::format("nothing to delete\n");
        return;
    }

    http::Client& client = ctx.client();  // a missing key fails here, before anything is journaled
    std::unique_ptr<bulk::Journal> journal;
    if (options.journal) {
        journal = std::make_unique<bulk::Journal>(*options.journal, resource.bulk_entity,
                                                  job_of(resource, options, selected));
    }
    auto to_send = static_cast<size_t>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
        return !journal || !journal->state().accepted.contains(id);
    }));
    std::string question = to_send == ids.size()
                               ? fmt::format("Delete {} {}?", to_send, resource.name)
                               : fmt::format("Delete {} {} ({} already deleted, per the journal)?", to_send,
                                             resource.name, ids.size() - to_send);
    confirm_or_throw(ctx, options.yes, question);
    if (options.failed_out) write_ids(*options.failed_out, {});  // fail now, not after the run, if it cannot be written

    term::Progress progress(ctx.io(), fmt::format("deleting {}", resource.name), to_send);
    bulk::RunOptions run_options{
        .batch_size = options.batch_size,
        .journal = journal.get(),
        .interrupted = [] { return http::interrupt_requested(); },
        .on_progress = [&progress](size_t done, size_t, size_t retries) { progress.update(done, retries); },
    };
    auto send = [&](const std::vector<bulk::Batch>& batches, const bulk::OnAnswer& on_answer) {
        std::vector<http::Request> requests;
        requests.reserve(batches.size());
        for (const auto& batch : batches) requests.push_back(bulk::delete_request(resource, batch.ids));
        client.send_many(requests, options.parallel,
                         [&](size_t index, http::Result&& result) { on_answer(index, bulk::answer_of(result)); });
    };
    auto summary = bulk::run_delete(ids, send, run_options);
    progress.finish();

    if (options.failed_out) write_ids(*options.failed_out, summary);
    auto& err = ctx.io().err();
    for (size_t i = 0; i < std::min(summary.problems.size(), kProblemLines); ++i)
        err << "crm: bulk delete " << resource.name << ": " << summary.problems[i] << '\n';
    if (summary.problems.size() > kProblemLines)
        err << fmt::format("crm: bulk delete {}: ... and {} more problems\n", resource.name,
                           summary.problems.size() - kProblemLines);
    if (!ctx.globals().quiet) {
        err << fmt::format("deleted {}, not found {}, failed {}, unknown {}, skipped {} (journal)\n", summary.deleted,
                           summary.not_found, summary.failed.size(), summary.unknown.size(), summary.skipped);
    }
    if (summary.interrupted) throw Interrupted();
    if (auto bad = summary.failed.size() + summary.unknown.size(); bad > 0) {
        throw PartialFailure(fmt::format("{} of {} ids failed or unknown{}", bad, summary.total,
                                         options.failed_out ? fmt::format(" (listed in {})", *options.failed_out)
                                                            : std::string(" (--failed-out FILE lists them)")));
    }
}

}  // namespace crm::cli
