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

// Pages fetched at once once the total is known: enough to hide a real network's round trip
// behind the others, few enough that memory stays a few pages whatever the export's size.
constexpr long kPagesInFlight = 4;

// Following pages: large pages mean fewer round trips; the API allows up to 1000.
std::optional<int> page_size(const Paging& paging) {
    if (paging.size || !(paging.all || paging.limit)) return paging.size;
    return static_cast<int>(std::min<long>(paging.limit.value_or(api::kMaxPageSize), api::kMaxPageSize));
}

}  // namespace

void walk_pages(Context& ctx, http::Client& client, const PageRequest& make, const Paging& paging,
                const std::string& what, const OnPage& on_page) {
    const bool follow = paging.all || paging.limit;
    const std::optional<int> size = page_size(paging);
    long fetched = 0;
    long total = -1;
    // One page, in order; false when the listing is over.
    auto take = [&](const http::Request& request, http::Result&& result) {
        auto doc = ctx.check(request, std::move(result), what);
        const json::Value* items = items_of(doc);
        if (!items) {
            throw Error(fmt::format("unexpected response to {} {}: no \"items\" array", request.method, request.path),
                        kExitUnexpected);
        }
        fetched += items->Size();
        total = total_of(doc);
        const bool full = !items->Empty() && static_cast<long>(items->Size()) >= size.value_or(1);
        return on_page(*items) && follow && full && !(paging.limit && fetched >= *paging.limit);
    };

    int page = paging.page;
    const http::Request first = make(page, size);
    bool more = take(first, client.send(first));
    while (more) {
        long batch = 1;  // without a total, one page at a time until a short one
        if (total >= 0) {
            long left = (total + *size - 1) / *size - page;
            if (paging.limit) left = std::min(left, (*paging.limit - fetched + *size - 1) / *size);
            if (left <= 0) break;
            batch = std::min(left, kPagesInFlight);
        }
        std::vector<http::Request> requests;
        for (long i = 1; i <= batch; ++i) requests.push_back(make(page + static_cast<int>(i), size));
        std::vector<std::optional<http::Result>> results(requests.size());
        client.send_many(requests, static_cast<int>(batch),
                         [&](size_t index, http::Result&& result) { results[index] = std::move(result); });
        for (size_t i = 0; i < requests.size() && more; ++i) {
            more = take(requests[i], std::move(*results[i]));
            ++page;
        }
    }
}

void stream_pages(Context& ctx, const PageRequest& make, const Paging& paging,
                  const std::vector<std::string>& default_columns, const std::string& what) {
    if (ctx.globals().dry_run) {
        ctx.print_dry_run(make(paging.page, page_size(paging)));
        return;
    }
    // The renderer starts once the first page is in, so a failing first request leaves stdout empty.
    std::unique_ptr<render::Renderer> renderer;
    long shown = 0;
    walk_pages(ctx, ctx.client(), make, paging, what, [&](const json::Value& items) {
        if (ctx.globals().raw) {
            ctx.io().out() << ctx.last_body() << '\n';
        } else {
            if (!renderer) {
                renderer = ctx.renderer(default_columns);
                renderer->begin_list();
            }
            for (const auto& record : items.GetArray()) {
                if (paging.limit && shown >= *paging.limit) break;
                renderer->record(record);
                ++shown;
            }
            renderer->end_page();
        }
        term::check_output(ctx.io().out());  // a full disk or a gone reader stops here, before the next page
        return true;
    });
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
