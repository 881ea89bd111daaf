// Shared steps of the record commands: paging a list into a renderer, running one request
// per id concurrently, printing what came back.
#pragma once
#include "cli/context.h"
#include "json/items.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct Paging {
    int page = 1;
    std::optional<int> size;
    bool all = false;            // follow every page
    std::optional<long> limit;   // stop after this many records, across pages
    int parallel = 4;            // pages in flight at once while following pages
};

// Builds the request for a page (1-based) and page size.
using PageRequest = std::function<http::Request(int page, std::optional<int> size)>;

// Keeps a record (true) or leaves it out: a filter the API does not have, applied client-side.
using RecordFilter = std::function<bool(const json::Value& record)>;

// Fetches pages and streams their items to the renderer (or, with --raw, each page's body).
// With `keep`, only the records it keeps are shown, and --limit counts those: the walk goes on
// until that many were kept or the list ends (--raw is refused: it shows pages as received).
void stream_pages(Context& ctx, const PageRequest& make, const Paging& paging,
                  const std::vector<std::string>& default_columns, const std::string& what = {},
                  const RecordFilter& keep = {});

// One page of a list as walk_pages hands it over: its records as a DOM array or, when the walk
// asked for text and the page allowed it, as their compact text (json/items.h).
struct ListPage {
    const json::Value* items = nullptr;
    // The DOM `items` points into: a consumer that keeps the records past on_page keeps this.
    std::shared_ptr<const json::Document> doc;
    const json::ItemsText* text = nullptr;
    size_t size() const { return text ? text->size() : items->Size(); }
};

// Walks a list's pages in order through `client`, handing each page to `on_page`.
// Keeps up to paging.parallel pages in flight (see records.cpp). Stops at a short page, once paging.limit records were fetched, when `on_page` returns false,
// or after one page unless paging.all or paging.limit. Failures throw as Context::check does.
// With `as_text`, pages come as text whenever they can (no DOM is built for them).
using OnPage = std::function<bool(const ListPage& page)>;
void walk_pages(Context& ctx, http::Client& client, const PageRequest& make, const Paging& paging,
                const std::string& what, const OnPage& on_page, bool as_text = false);

// The record of a one-record response: its "item", else the document itself.
const json::Value& item_of(const json::Value& doc);

// Prints one record response (respects --raw).
void print_item(Context& ctx, const json::Document& doc, const std::vector<std::string>& default_columns);

// One request per id, concurrently over one connection pool. Every id is checked and every
// request built before anything is sent (and before `confirm` is asked). Successful records
// are printed in the order of the ids (as a list when there are several); each failure is
// reported on stderr. A 401/403 stops the run: nothing more is sent. A single id fails with its
// own error; several fail with the class every id failed for (all 404 → 4), 3 when the key
// was refused, else 9 (CLI.md §5). SIGINT/SIGTERM → Interrupted.
struct ManyOptions {
    std::string verb = "get";  // "cannot <verb> <singular> <id>" on failure
    bool print_records = true;
    bool deleting = false;          // a 404 after a retry counts as done (the first try may have worked)
    bool ignore_not_found = false;  // --ignore-not-found: any 404 counts as done
    std::string done_verb;          // "Deleted" → "Deleted lead 42" on stderr, unless --quiet
    std::string confirm;            // destructive: this question, or --yes (confirm_or_throw)
    bool yes = false;
};
void run_for_ids(Context& ctx, const std::vector<std::string>& ids,
                 const std::function<http::Request(const std::string& id)>& make, const std::string& singular,
                 const std::vector<std::string>& default_columns, const ManyOptions& options);

// Read, then write, for each id (crm ENTITY tag): `read(id)` is sent for every id, concurrently
// and also under --dry-run (Context::reader: a read is harmless, and the printed write is then
// the one that would be sent); `write(id, record)` builds the write from the record read, or
// returns nullopt when nothing needs to change (said as a note, nothing sent). The writes are
// then sent concurrently (printed under --dry-run). Each id's record is printed as it is after
// the command: the write's answer, or the record read when nothing changed. The exit rules are
// run_for_ids': a single id fails with its own error; a 401/403 stops everything (no write is
// sent after a refused read); several ids fail with the common class, else 9.
struct ReadWrite {
    std::function<http::Request(const std::string& id)> read;
    std::function<std::optional<http::Request>(const std::string& id, const json::Value& record)> write;
    std::string write_verb;      // "cannot <write_verb> <singular> <id>"
    std::string unchanged_note;  // "{0} {1}: …; nothing sent" with {0} singular, {1} id
};
void run_read_write(Context& ctx, const std::vector<std::string>& ids, const ReadWrite& steps,
                    const std::string& singular, const std::vector<std::string>& default_columns);

// Asks before a destructive action: on a terminal a y/N prompt, otherwise --yes is needed
// (UsageError, exit 2, nothing sent). --dry-run needs neither.
void confirm_or_throw(Context& ctx, bool yes, const std::string& question);

}  // namespace crm::cli
