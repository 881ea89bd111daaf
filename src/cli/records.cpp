#include "cli/records.h"

#include "api/requests.h"
#include "errors.h"

#include <fmt/format.h>

#include <deque>
#include <exception>
#include <map>

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

// A page this long is "full" when no size was asked: the usual default of such APIs. Only the
// "showing N" hint uses it.
constexpr long kUsualPageSize = 10;

// Following pages: large pages mean fewer round trips; the API allows up to 1000.
std::optional<int> page_size(const Paging& paging) {
    if (paging.size || !(paging.all || paging.limit)) return paging.size;
    return static_cast<int>(std::min<long>(paging.limit.value_or(api::kMaxPageSize), api::kMaxPageSize));
}

long ceil_div(long a, long b) { return (a + b - 1) / b; }

}  // namespace

// The end rule of CLI.md §2. The reference documents neither a total nor a next link, and a
// server may serve fewer records per page than asked: a first page shorter than asked (and not
// empty) shows the size the server really serves. The walk ends at an empty page or at a page
// shorter than that served size, never earlier.
//
// A sliding window: up to `paging.parallel` pages are requested ahead of the one being handed
// to on_page, so the network works while earlier pages render. Without a total the pages ahead
// are a guess (at most parallel-1 requests past the end); a total or a limit bounds the guess,
// and beyond that bound only the next page is asked for, when the end rule wants it (a total
// that under-reports still gets its next page). Pages are handed over in order.
void walk_pages(Context& ctx, http::Client& client, const PageRequest& make, const Paging& paging,
                const std::string& what, const OnPage& on_page, bool as_text) {
    const bool follow = paging.all || paging.limit;
    const std::optional<int> size = page_size(paging);
    const long window = follow ? std::max(paging.parallel, 1) : 1;
    long served = size.value_or(0);  // the page size the server has shown it serves
    long fetched = 0;
    long total = -1;
    bool more = true;       // the end rule has not been met
    long taken = 0;         // pages handed to on_page
    std::deque<http::Request> requests;                  // pulled, by index (page - paging.page)
    std::map<size_t, http::Result> arrived;              // finished before an earlier page
    std::exception_ptr failure;

    // Pages the total or the limit says exist, counted from paging.page; -1 when unbounded.
    auto bound = [&]() -> long {
        if (served <= 0) return -1;
        long pages = -1;
        if (total >= 0) pages = ceil_div(total, served) - (paging.page - 1);
        if (paging.limit) {
            const long for_limit = ceil_div(*paging.limit, served);
            pages = pages < 0 ? for_limit : std::min(pages, for_limit);
        }
        return pages;
    };
    auto next = [&]() -> std::optional<http::Request> {
        const auto pulled = static_cast<long>(requests.size());
        if (!more || failure || pulled - taken >= window || (!follow && pulled > 0)) return std::nullopt;
        const long last = bound();
        if (last >= 0 && pulled >= last && pulled > taken) return std::nullopt;  // no guess past the bound
        requests.push_back(make(paging.page + static_cast<int>(pulled), size));
        return requests.back();
    };
    json::ItemsText text;  // reused: one buffer for every page
    // One page, in order; false when the listing is over.
    auto take = [&](const http::Request& request, http::Result&& result) {
        const std::string& body = ctx.accept(request, std::move(result), what);
        ListPage page;
        if (as_text && json::scan_items(body, text)) {
            page.text = &text;
            total = text.total();
        } else {
            auto doc = std::make_shared<json::Document>(ctx.parse_last(request, what));
            page.items = items_of(*doc);
            if (!page.items) {
                throw Error(fmt::format("unexpected response to {} {}: no \"items\" array", request.method, request.path),
                            kExitUnexpected);
            }
            total = total_of(*doc);
            page.doc = std::move(doc);
        }
        const auto count = static_cast<long>(page.size());
        if (taken == 0 && count > 0 && count < served) served = count;  // the server caps the page size
        ++taken;
        fetched += count;
        const bool go_on = on_page(page);
        return go_on && follow && count > 0 && count >= served && !(paging.limit && fetched >= *paging.limit);
    };
    client.send_stream(next, static_cast<int>(window), [&](size_t index, http::Result&& result) {
        if (failure || !more) return;  // a page guessed past the end, or after a failure
        arrived.emplace(index, std::move(result));
        try {
            for (auto it = arrived.find(static_cast<size_t>(taken)); more && it != arrived.end();
                 it = arrived.find(static_cast<size_t>(taken))) {
                http::Result page = std::move(it->second);
                arrived.erase(it);
                more = take(requests[static_cast<size_t>(taken)], std::move(page));
            }
        } catch (...) {
            failure = std::current_exception();
            client.stop_sending();
        }
        if (!more) client.stop_sending();
    });
    if (failure) std::rethrow_exception(failure);
}

void stream_pages(Context& ctx, const PageRequest& make, const Paging& paging,
                  const std::vector<std::string>& default_columns, const std::string& what,
                  const RecordFilter& keep) {
    if (keep && ctx.globals().raw)
        throw UsageError("--raw prints the pages as received, so it cannot show a list filtered client-side");
    // A client-side filter: --limit counts the records kept, so the walk is not bounded by it.
    Paging walk = paging;
    if (keep && walk.limit) {
        walk.all = true;
        walk.limit.reset();
    }
    if (ctx.globals().dry_run) {
        ctx.print_dry_run(make(walk.page, page_size(walk)));
        return;
    }
    // The renderer begins once the first page is in, so a failing first request leaves stdout empty.
    std::unique_ptr<render::Renderer> renderer;
    if (!ctx.globals().raw) renderer = ctx.renderer(default_columns);
    bool begun = false;
    long shown = 0;
    const bool as_text = renderer && renderer->takes_text() && !keep;
    walk_pages(ctx, ctx.client(), make, walk, what, [&](const ListPage& page) {
        if (!renderer) {
            ctx.io().out() << ctx.last_body() << '\n';
        } else {
            if (!begun) {
                renderer->begin_list();
                begun = true;
            }
            const size_t count = page.size();
            for (size_t i = 0; i < count && !(paging.limit && shown >= *paging.limit); ++i) {
                if (page.text) {
                    renderer->record_text((*page.text)[i]);
                } else {
                    const json::Value& record = (*page.items)[static_cast<rapidjson::SizeType>(i)];
                    if (keep && !keep(record)) continue;
                    renderer->record(record);
                }
                ++shown;
            }
            renderer->end_page();
        }
        term::check_output(ctx.io().out());  // a full disk or a gone reader stops here, before the next page
        return !(paging.limit && shown >= *paging.limit);
    }, as_text);
    if (begun) renderer->end_list();
    const bool one_page = !paging.all && !paging.limit;
    if (keep) {
        if (one_page && ctx.io().stdout_tty() && !ctx.globals().quiet)
            ctx.report().note("filtered client-side from one page; use --all or --limit N to search every page");
        return;
    }
    // One page of a longer list, shown to a person: say how to get the rest (CLI.md §2).
    const bool full = paging.size ? shown >= *paging.size : shown >= kUsualPageSize;
    if (one_page && full && ctx.io().stdout_tty() && !ctx.globals().quiet)
        ctx.report().note(fmt::format("showing {}; use --all or --limit N for more", shown));
}

namespace {

bool stops_everything(const http::Result& result) {
    return result.ok() && (result.response.status == 401 || result.response.status == 403);
}

// The exit code of a multi-id run with failures (CLI.md §5): the class every id failed for,
// 3 whenever the key was refused (the run stopped there), else 9 for mixed outcomes.
int exit_of(const std::vector<int>& failure_codes, size_t ids) {
    if (std::find(failure_codes.begin(), failure_codes.end(), kExitAuth) != failure_codes.end()) return kExitAuth;
    const bool all_failed = failure_codes.size() == ids;
    const bool one_class = std::adjacent_find(failure_codes.begin(), failure_codes.end(), std::not_equal_to<>()) ==
                           failure_codes.end();
    return all_failed && one_class ? failure_codes.front() : kExitPartial;
}

// The end of a multi-id run with failures, each already reported (CLI.md §5).
void throw_failures(const std::vector<int>& failure_codes, size_t ids, size_t not_sent) {
    if (failure_codes.empty()) return;
    std::string message = fmt::format("{} of {} ids failed", failure_codes.size(), ids);
    if (not_sent > 0) message += fmt::format(" ({} not sent: the key was refused)", not_sent);
    const int code = exit_of(failure_codes, ids);
    if (code == kExitPartial) throw PartialFailure(message);
    throw Error(message, code);
}

}  // namespace

void run_for_ids(Context& ctx, const std::vector<std::string>& ids,
                 const std::function<http::Request(const std::string& id)>& make, const std::string& singular,
                 const std::vector<std::string>& default_columns, const ManyOptions& options) {
    std::vector<http::Request> requests;  // built first: a bad id is refused before anything is sent
    requests.reserve(ids.size());
    for (const auto& id : ids) requests.push_back(make(id));
    if (!options.confirm.empty()) confirm_or_throw(ctx, options.yes, options.confirm);
    if (ctx.globals().dry_run) {
        for (const auto& request : requests) ctx.print_dry_run(request);
        return;
    }

    http::Client& client = ctx.client();
    std::vector<std::optional<http::Result>> results(ids.size());
    client.send_many(requests, 4, [&](size_t index, http::Result&& result) {
        if (stops_everything(result)) client.stop_sending();
        results[index] = std::move(result);
    });

    const bool single = ids.size() == 1;
    std::unique_ptr<render::Renderer> renderer;  // several ids print as one list
    std::vector<int> failure_codes;
    size_t not_sent = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
        http::Result& result = *results[i];
        if (result.failure == http::Failure::not_sent) {
            ++not_sent;
            failure_codes.push_back(kExitAuth);
            continue;
        }
        try {
            const bool not_found = result.ok() && result.response.status == 404;
            // A 404 on a retried delete: the first try may have worked; the record is gone as asked.
            const bool gone = not_found && (options.ignore_not_found || (options.deleting && result.attempts > 1));
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
                ctx.report().note(fmt::format("{} {} {}", options.done_verb, singular, ids[i]));
        } catch (const Interrupted&) {
            throw;  // SIGINT/SIGTERM: 130/143 whatever else happened
        } catch (const Error& e) {
            if (single) throw;  // one id: its own error line and exit code
            failure_codes.push_back(e.exit_code());
            ctx.report().error(problem_of(e, ids[i]));
        }
    }
    if (renderer) {
        renderer->end_page();
        renderer->end_list();
    }
    throw_failures(failure_codes, ids.size(), not_sent);
}

void run_read_write(Context& ctx, const std::vector<std::string>& ids, const ReadWrite& steps,
                    const std::string& singular, const std::vector<std::string>& default_columns) {
    std::vector<http::Request> reads;  // built first: a bad id is refused before anything is sent
    reads.reserve(ids.size());
    for (const auto& id : ids) {
        reads.push_back(steps.read(id));
        // Sent under --dry-run too (Context::reader): only a read may go this way.
        if (reads.back().method != "GET")
            throw Error(fmt::format("internal error: {} {} sent as a read", reads.back().method, reads.back().path),
                        kExitUnexpected);
    }
    const bool single = ids.size() == 1;

    // What each id shows at the end (the record and its body as received), and the failures.
    struct Shown {
        json::Document doc;
        std::string body;
    };
    std::vector<std::optional<Shown>> shown(ids.size());
    std::vector<int> failure_codes;
    size_t not_sent = 0;
    auto fail = [&](size_t i, const Error& e) {
        if (single) throw;  // one id: its own error line and exit code
        failure_codes.push_back(e.exit_code());
        ctx.report().error(problem_of(e, ids[i]));
    };

    // 1. The reads, concurrently; a 401/403 stops the run.
    http::Client& reader = ctx.reader();
    std::vector<std::optional<http::Result>> read_results(ids.size());
    bool refused = false;
    reader.send_many(reads, 4, [&](size_t index, http::Result&& result) {
        if (stops_everything(result)) {
            refused = true;
            reader.stop_sending();
        }
        read_results[index] = std::move(result);
    });
    std::vector<size_t> writing;  // the ids that need a write, and their writes
    std::vector<http::Request> writes;
    for (size_t i = 0; i < ids.size(); ++i) {
        http::Result& result = *read_results[i];
        if (result.failure == http::Failure::not_sent) {
            ++not_sent;
            failure_codes.push_back(kExitAuth);
            continue;
        }
        try {
            auto doc = ctx.check(reads[i], std::move(result), fmt::format("cannot get {} {}", singular, ids[i]));
            if (refused) {  // the key was refused for another id: nothing is written
                ++not_sent;
                failure_codes.push_back(kExitAuth);
                continue;
            }
            if (auto write = steps.write(ids[i], item_of(doc))) {
                writing.push_back(i);
                writes.push_back(std::move(*write));
            } else {
                if (!ctx.globals().quiet) ctx.report().note(fmt::format(fmt::runtime(steps.unchanged_note), singular, ids[i]));
                shown[i] = Shown{std::move(doc), ctx.last_body()};
            }
        } catch (const Interrupted&) {
            throw;
        } catch (const Error& e) {
            fail(i, e);
        }
    }

    // 2. The writes, concurrently (printed under --dry-run).
    if (ctx.globals().dry_run) {
        for (const auto& write : writes) ctx.print_dry_run(write);
        writing.clear();
    } else if (!writes.empty()) {
        http::Client& client = ctx.client();
        std::vector<std::optional<http::Result>> results(writes.size());
        client.send_many(writes, 4, [&](size_t index, http::Result&& result) {
            if (stops_everything(result)) client.stop_sending();
            results[index] = std::move(result);
        });
        for (size_t w = 0; w < writes.size(); ++w) {
            const size_t i = writing[w];
            http::Result& result = *results[w];
            if (result.failure == http::Failure::not_sent) {
                ++not_sent;
                failure_codes.push_back(kExitAuth);
                continue;
            }
            try {
                auto doc = ctx.check(writes[w], std::move(result),
                                     fmt::format("cannot {} {} {}", steps.write_verb, singular, ids[i]));
                shown[i] = Shown{std::move(doc), ctx.last_body()};
            } catch (const Interrupted&) {
                throw;
            } catch (const Error& e) {
                fail(i, e);
            }
        }
    }

    // 3. The records, in the order of the ids (a dry run prints only its writes).
    if (!ctx.globals().dry_run) {
        std::unique_ptr<render::Renderer> renderer;
        for (auto& entry : shown) {
            if (!entry) continue;
            if (ctx.globals().raw) {
                ctx.io().out() << entry->body << '\n';
            } else if (single) {
                print_item(ctx, entry->doc, default_columns);
            } else if (!entry->doc.IsNull()) {
                if (!renderer) {
                    renderer = ctx.renderer(default_columns);
                    renderer->begin_list();
                }
                renderer->record(item_of(entry->doc));
            }
        }
        if (renderer) {
            renderer->end_page();
            renderer->end_list();
        }
    }
    throw_failures(failure_codes, ids.size(), not_sent);
}

void confirm_or_throw(Context& ctx, bool yes, const std::string& question) {
    if (yes || ctx.globals().dry_run) return;
    if (!ctx.io().can_prompt()) {
        throw UsageError(fmt::format("{}: refusing without --yes when not on a terminal", question));
    }
    if (!ctx.io().confirm(question)) throw UsageError("cancelled");
}

}  // namespace crm::cli
