#include "export/export.h"

#include "api/requests.h"
#include "cli/records.h"
#include "errors.h"
#include "export/csv_tables.h"
#include "export/loader.h"
#include "export/staging.h"
#include "export/write_thread.h"
#include "http/interrupt.h"

#include <fmt/format.h>

#include <filesystem>

namespace crm::exporting {

namespace fs = std::filesystem;

namespace {

// The state database of a CSV export, beside its CSV files (it holds the watermarks, and the
// records an incremental run updates before the CSV files are written again).
constexpr const char* kCsvState = ".crm-export.sqlite";

enum class Walk {
    full,     // every page, in the server's default order
    changed,  // newest update first, until the first record older than the watermark
};

struct Plan {
    bool csv = false;
    std::vector<const EntityTable*> entities;
    std::optional<std::string> since;  // resolved ISO 8601
};

// --to as a path: "out/" names the directory "out".
fs::path target_of(const ExportOptions& o) {
    std::string to = o.to;
    while (to.size() > 1 && to.back() == '/') to.pop_back();
    return to;
}

Plan plan_of(cli::Context& ctx, const ExportOptions& o) {
    Plan plan;
    if (o.to.empty()) throw UsageError("--to is required: a FILE.sqlite or a DIR (with --format csv)");
    if (o.format && *o.format != "csv" && *o.format != "sqlite")
        throw UsageError(fmt::format("--format must be csv or sqlite, got '{}'", *o.format));
    std::error_code ignored;
    // A directory, existing or named as one ("out/"), takes CSV files.
    plan.csv = o.format ? *o.format == "csv" : fs::is_directory(o.to, ignored) || o.to.back() == '/';
    if (o.excel && !plan.csv) throw UsageError("--excel applies to --format csv only");
    if (o.incremental && o.since) throw UsageError("--since and --incremental cannot be combined: --incremental "
                                                   "starts from the last export's watermarks");
    if (!plan.csv && fs::is_directory(o.to, ignored))
        throw UsageError(fmt::format("--to {} is a directory; add --format csv, or name a FILE.sqlite", o.to));
    if (plan.csv && fs::exists(o.to, ignored) && !fs::is_directory(o.to, ignored))
        throw UsageError(fmt::format("--to {} is a file; --format csv writes a directory", o.to));
    const fs::path parent = target_of(o).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ignored))
        throw UsageError(fmt::format("--to {}: no directory {}", o.to, parent.string()));
    // A directory of someone else's files is never replaced.
    if (plan.csv && fs::is_directory(o.to, ignored) && !fs::is_empty(o.to, ignored) &&
        !fs::exists(fs::path(o.to) / kCsvState, ignored))
        throw UsageError(fmt::format("--to {} is a directory that holds no crm export; name an empty or new one", o.to));
    for (const auto& name : o.entities) {
        for (const auto& part : api::split_list(name)) {
            const EntityTable* table = find_entity_table(part);
            if (!table) {
                std::vector<std::string> valid;
                for (const auto& t : entity_tables()) valid.push_back(t.table);
                throw UsageError(fmt::format("--entities: no entity '{}'; use some of: {}", part, fmt::join(valid, ",")));
            }
            if (std::find(plan.entities.begin(), plan.entities.end(), table) == plan.entities.end())
                plan.entities.push_back(table);
        }
    }
    if (plan.entities.empty()) {
        for (const auto& t : entity_tables()) plan.entities.push_back(&t);
    }
    if (o.since) {
        std::string date = api::resolve_date(*o.since, ctx.now());
        if (date.empty())
            throw UsageError(fmt::format("--since must be a date: ISO 8601 or relative (90d, 2w, 12h, today), got '{}'",
                                         *o.since));
        plan.since = date;
    }
    return plan;
}

const api::Resource& resource_of(const EntityTable& table) { return *api::find_entity(table.resource); }

cli::PageRequest pages_of(const api::Resource& resource, Walk walk) {
    api::ListParams params;
    if (walk == Walk::changed) {
        params.order_by = "updatedAt";
        params.sort = "desc";
    }
    return [&resource, params](int page, std::optional<int> size) { return api::list_request(resource, params, page, size); };
}

std::string_view updated_at(const json::Value& record) {
    const json::Value* value = json::find(record, "updatedAt");
    return value && value->IsString() ? std::string_view(value->GetString(), value->GetStringLength())
                                      : std::string_view();
}

// The items of a lookup list's answer: "items", else the array itself.
const json::Value* items_of(const json::Value& doc) {
    if (doc.IsArray()) return &doc;
    const json::Value* items = json::find(doc, "items");
    return items && items->IsArray() ? items : nullptr;
}

class Exporter {
public:
    // `written` runs on the write thread after each entity is in the database.
    Exporter(cli::Context& ctx, const ExportOptions& o, Loader& loader, std::function<void()> written = {})
        : ctx_(ctx), o_(o), loader_(loader), written_(std::move(written)) {}

    // Pipelines with their stages, case types with their statuses, tag lists; and the custom
    // fields of the forms and case types, as columns.
    void lookups() {
        loader_.clear_lookups();
        walk_all(api::child_of("opportunities", "pipelines"), "cannot export pipelines",
                 [&](const json::Value& p) { loader_.pipeline(p); });
        json::Document case_fields(rapidjson::kArrayType);
        walk_all(api::child_of("cases", "types"), "cannot export case types", [&](const json::Value& t) {
            loader_.case_type(t);
            if (const json::Value* form = json::find(t, "form"); form && form->IsArray()) {
                for (const auto& field : form->GetArray())
                    case_fields.PushBack(json::copy(field, case_fields.GetAllocator()), case_fields.GetAllocator());
            }
        });
        for (const auto& table : entity_tables()) {
            const api::Resource& resource = resource_of(table);
            if (!resource.tags_path.empty()) {
                auto doc = ctx_.read(api::tags_lookup_request(resource), fmt::format("cannot export {} tags", table.table));
                if (const json::Value* items = items_of(doc)) {
                    for (const auto& tag : items->GetArray()) loader_.tag(table.table, tag);
                }
            }
            if (!resource.form_path.empty()) {
                auto doc = ctx_.read(api::form_get_request(resource), fmt::format("cannot export the {} form", table.table));
                const json::Value* fields = items_of(doc);
                if (!fields) fields = json::find(doc, "item.fields");
                if (fields) loader_.add_custom_fields(table, *fields);
            } else if (table.table == "cases") {
                loader_.add_custom_fields(table, case_fields);
            }
        }
    }

    // One entity's records, written on the write thread; its indexes are built there once they
    // are in, while the next entity is fetched. Returns the records read; wait() before using
    // the loader again.
    long entity(const EntityTable& table, Walk walk, const std::optional<std::string>& watermark, bool sweeping) {
        const api::Resource& resource = resource_of(table);
        std::string newest = watermark.value_or("");
        long written = 0;
        // A walk of changes usually ends on its first page: no pages guessed ahead of it.
        const cli::Paging paging{.all = true, .parallel = walk == Walk::changed ? 1 : o_.parallel};
        cli::walk_pages(ctx_, ctx_.client(), pages_of(resource, walk), paging, fmt::format("cannot export {}", table.table),
                        [&](const cli::ListPage& page) {
                            const auto records = page.items->GetArray();
                            size_t changed = 0;  // the records before the first one older than the watermark
                            for (const auto& record : records) {
                                const std::string_view updated = updated_at(record);
                                if (walk == Walk::changed && watermark && updated < *watermark) break;
                                ++changed;
                                // The record at the watermark was exported last time: not counted as new.
                                if (!watermark || updated != *watermark) ++written;
                                if (updated > newest) newest = updated;
                            }
                            writes_.post([this, &table, sweeping, changed, items = page.items, doc = page.doc] {
                                for (size_t i = 0; i < changed; ++i) loader_.upsert(table, (*items)[i], sweeping);
                            });
                            return changed == records.Size();
                        });
        writes_.post([this, &table, newest] {
            if (!newest.empty()) loader_.set_watermark(table, newest);
            loader_.index(table);
            if (written_) written_();
        });
        return written;
    }

    // Until entity() is called again, the loader is this thread's.
    void wait() { writes_.drain(); }

private:
    void walk_all(const api::Resource& resource, const std::string& what, const std::function<void(const json::Value&)>& each) {
        cli::walk_pages(ctx_, ctx_.client(), pages_of(resource, Walk::full), cli::Paging{.all = true, .parallel = 1}, what,
                        [&](const cli::ListPage& page) {
                            for (const auto& item : page.items->GetArray()) each(item);
                            return true;
                        });
    }

    cli::Context& ctx_;
    const ExportOptions& o_;
    Loader& loader_;
    std::function<void()> written_;
    // A few parsed pages wait at most (a page of 1,000 records is about 2 MB of DOM).
    WriteThread writes_{4};
};

}  // namespace

void run_export(cli::Context& ctx, const ExportOptions& o) {
    const Plan plan = plan_of(ctx, o);
    if (ctx.globals().dry_run) {  // nothing is written; the walks it would start
        for (const auto* table : plan.entities)
            ctx.print_dry_run(pages_of(resource_of(*table), o.incremental || plan.since ? Walk::changed : Walk::full)(
                1, api::kMaxPageSize));
        return;
    }
    const fs::path target = target_of(o);
    Staging staging(target, plan.csv ? Staging::Kind::directory : Staging::Kind::file);
    const fs::path previous = plan.csv ? target / kCsvState : target;
    const fs::path db_path = plan.csv ? staging.path() / kCsvState : staging.path();
    std::error_code ignored;
    const bool refresh = o.incremental && fs::exists(previous, ignored);
    if (o.incremental && !refresh && !ctx.globals().quiet)
        ctx.report().note(fmt::format("no earlier export at {}: exporting everything", o.to));
    if (refresh) fs::copy_file(previous, db_path, fs::copy_options::overwrite_existing);

    long written = 0, removed = 0;
    bool swept = false;
    {
        Db db(db_path.string(), true, true, o.to);
        // The file is a temporary until the rename: a journal would only protect what is thrown
        // away on failure anyway.
        db.exec("PRAGMA journal_mode=OFF");
        db.exec("PRAGMA synchronous=OFF");
        // Pages of 16 KiB: a quarter of the reads and writes of the default 4 KiB for the same
        // rows (a new database only; a refreshed one keeps the size it has).
        db.exec("PRAGMA page_size=16384");
        // The page cache keeps the page count it had at 4 KiB (500 pages, now 8 MB) unless set
        // again: 2 MB export as fast or faster, with 6 MB less of peak RSS and fewer page faults.
        db.exec("PRAGMA cache_size=-2000");
        // Refreshing a database crm did not write would mix its tables with ours.
        if (refresh && !db.has_table("crm_export_state"))
            throw UsageError(fmt::format("--incremental: {} is not an export of crm; name a new file, or drop "
                                         "--incremental to replace it",
                                         previous.string()));
        db.exec("BEGIN");
        Loader loader(db, !refresh);
        const long runs = refresh ? loader.meta_int("runs_since_sweep", 0) + 1 : 0;
        swept = refresh && runs >= o.full_every;
        Exporter exporter(ctx, o, loader, [&staging] { staging.start_writeback(); });
        exporter.lookups();
        // Read before the first entity's writes begin on the write thread.
        std::vector<std::optional<std::string>> watermarks;
        for (const auto* table : plan.entities)
            watermarks.push_back(refresh && !swept ? loader.watermark(*table) : plan.since);
        for (size_t i = 0; i < plan.entities.size(); ++i) {
            const Walk walk = watermarks[i] ? Walk::changed : Walk::full;
            written += exporter.entity(*plan.entities[i], walk, watermarks[i], swept);
        }
        exporter.wait();
        for (const auto* table : plan.entities) {
            if (const auto& left_out = loader.unexported(*table); !left_out.empty())
                ctx.report().warning(fmt::format("{}: fields with no column in the export, left out: {}", table->table,
                                                 fmt::join(left_out, ", ")));
            if (swept) removed += loader.sweep(*table);
        }
        loader.set_meta("runs_since_sweep", std::to_string(swept ? 0 : runs));
        loader.set_meta("exported_at", api::format_utc(ctx.now()));
        loader.finish();
        db.exec("COMMIT");
        if (plan.csv) write_csv_tables(db, staging.path(), o.excel);
    }
    // An interrupt after the last page: the new export is whole, but the user asked to stop.
    if (http::interrupt_requested()) throw Interrupted(http::interrupt_signal());
    staging.commit();
    if (!ctx.globals().quiet) {
        std::string what = refresh ? fmt::format("updated {} records", written) : fmt::format("exported {} records", written);
        if (swept) what += fmt::format(", removed {} deleted ones", removed);
        ctx.report().note(fmt::format("{} to {}", what, o.to));
    }
}

long load_live(cli::Context& ctx, Db& db, const std::vector<const EntityTable*>& entities,
               const std::optional<std::string>& since, int parallel) {
    const ExportOptions options{.parallel = parallel};
    db.exec("BEGIN");
    Loader loader(db, true);
    Exporter exporter(ctx, options, loader);
    exporter.lookups();
    long written = 0;
    for (const auto* table : entities) written += exporter.entity(*table, since ? Walk::changed : Walk::full, since, false);
    exporter.wait();
    loader.finish();
    db.exec("COMMIT");
    return written;
}

}  // namespace crm::exporting
