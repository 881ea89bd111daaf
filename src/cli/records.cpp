#include "cli/records.h"

#include "api/requests.h"
#include "errors.h"

#include <fmt/format.h>

namespace crm::cli {

const json::Value& item_of(const json::Value& doc) {
    if (doc.IsObject()) {
        auto it = doc.FindMember("item");
        if (it != doc.MemberEnd()) return it->value;
    }
    return doc;
}

void print_item(Context& ctx, const json::Document& doc, const std::vector<std::string>& default_columns) {
    if (ctx.globals().raw) {
        ctx.io().out() << ctx.last_body() << '\n';
        return;
    }
    if (doc.IsNull()) return;  // e.g. 204 No Content
    ctx.renderer(default_columns)->single(item_of(doc));
}

namespace {

const json::Value* items_of(const json::Value& doc) {
    if (doc.IsArray()) return &doc;
    if (!doc.IsObject()) return nullptr;
    auto it = doc.FindMember("items");
    return it != doc.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
}

long total_of(const json::Value& doc) {
    if (!doc.IsObject()) return -1;
    auto it = doc.FindMember("total");
    return it != doc.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : -1;
}

}  // namespace

void stream_pages(Context& ctx, const PageRequest& make, const Paging& paging,
                  const std::vector<std::string>& default_columns, const std::string& what) {
    std::optional<int> size = paging.size;
    bool follow = paging.all || paging.limit;
    // Following pages: large pages mean fewer round trips; the API allows up to 1000.
    if (follow && !size) size = static_cast<int>(std::min<long>(paging.limit.value_or(api::kMaxPageSize), api::kMaxPageSize));

    if (ctx.globals().dry_run) {
        ctx.print_dry_run(make(paging.page, size));
        return;
    }
    // The renderer starts once the first page is in, so a failing first request leaves stdout empty.
    std::unique_ptr<render::Renderer> renderer;
    long seen = 0;
    for (int page = paging.page;; ++page) {
        http::Request request = make(page, size);
        auto doc = ctx.check(request, ctx.client().send(request), what);
        const json::Value* items = items_of(doc);
        if (!items) {
            throw Error(fmt::format("unexpected response to {} {}: no \"items\" array", request.method, request.path),
                        kExitUnexpected);
        }
        if (ctx.globals().raw) {
            ctx.io().out() << ctx.last_body() << '\n';
            seen += items->Size();
        } else {
            if (!renderer) {
                renderer = ctx.renderer(default_columns);
                renderer->begin_list();
            }
            for (const auto& record : items->GetArray()) {
                if (paging.limit && seen >= *paging.limit) break;
                renderer->record(record);
                ++seen;
            }
            renderer->end_page();
        }
        ctx.io().out().flush();
        if (!follow) break;
        if (paging.limit && seen >= *paging.limit) break;
        long total = total_of(doc);
        long page_size = size.value_or(static_cast<int>(items->Size()));
        if (items->Empty() || static_cast<long>(items->Size()) < page_size) break;
        if (total >= 0 && static_cast<long>(page) * page_size >= total) break;
    }
    if (renderer) renderer->end_list();
}

void run_for_ids(Context& ctx, const std::vector<std::string>& ids,
                 const std::function<http::Request(const std::string& id)>& make, const std::string& singular,
                 const std::vector<std::string>& default_columns, const ManyOptions& options) {
    std::vector<http::Request> requests;
    requests.reserve(ids.size());
    for (const auto& id : ids) requests.push_back(make(id));
    if (ctx.globals().dry_run) {
        for (const auto& request : requests) ctx.print_dry_run(request);
        return;
    }

    std::vector<std::optional<http::Result>> results(ids.size());
    ctx.client().send_many(requests, 4, [&](size_t index, http::Result&& result) { results[index] = std::move(result); });

    const bool single = ids.size() == 1;
    std::unique_ptr<render::Renderer> renderer;  // several ids print as one list
    size_t failed = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
        http::Result& result = *results[i];
        try {
            // A 404 on a retried delete: the first try may have worked; the record is gone as asked.
            const bool gone = options.deleting && result.ok() && result.response.status == 404 && result.attempts > 1;
            if (!gone) {
                auto doc = ctx.check(requests[i], std::move(result),
                                     fmt::format("cannot {} {} {}", options.verb, singular, ids[i]));
                if (options.print_records && single) {
                    print_item(ctx, doc, default_columns);
                } else if (options.print_records && ctx.globals().raw) {
                    ctx.io().out() << ctx.last_body() << '\n';
                } else if (options.print_records && !doc.IsNull()) {
                    if (!renderer) {
                        renderer = ctx.renderer(default_columns);
                        renderer->begin_list();
                    }
                    renderer->record(item_of(doc));
                }
            }
            if (!options.done_verb.empty() && !ctx.globals().quiet)
                ctx.io().err() << options.done_verb << ' ' << singular << ' ' << ids[i] << '\n';
        } catch (const Error& e) {
            if (single) throw;  // one id: its own error line and exit code
            ++failed;
            ctx.io().err() << "crm: " << e.what() << '\n';
        }
    }
    if (renderer) {
        renderer->end_page();
        renderer->end_list();
    }
    if (failed > 0) throw PartialFailure(fmt::format("{} of {} ids failed", failed, ids.size()));
}

void confirm_or_throw(Context& ctx, bool yes, const std::string& question) {
    if (yes || ctx.globals().dry_run) return;
    if (!ctx.io().can_prompt()) {
        throw UsageError(fmt::format("{}: refusing without --yes when not on a terminal", question));
    }
    if (!ctx.io().confirm(question)) throw UsageError("cancelled");
}

}  // namespace crm::cli
