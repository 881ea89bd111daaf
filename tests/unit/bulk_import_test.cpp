// The pieces of crm ENTITY import (CLI.md §11) without a network: CSV reading, cell typing from
// the resource table, row checks, the import journal and the loop over rows.
#include "api/resources.h"
#include "bulk/csv_reader.h"
#include "bulk/import_journal.h"
#include "bulk/import_rows.h"
#include "bulk/import_run.h"
#include "errors.h"
#include "json/json.h"
#include "temp_file.h"

#include <catch2/catch.hpp>


using namespace crm;
using namespace crm::bulk;
using Catch::Contains;

namespace {

const api::Resource& leads() { return *api::find_entity("leads"); }

std::string body_of(const Row& row) { return json::write(row.body); }

}  // namespace

TEST_CASE("csv reader: quotes, doubled quotes, line breaks in cells, CRLF, a BOM, blank lines", "[bulk][import]") {
    auto records = read_csv("\xEF\xBB\xBFtitle,note\r\n\"a, b\",\"say \"\"hi\"\"\nthere\"\n\nplain,\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].cells == std::vector<std::string>{"title", "note"});
    CHECK(records[1].cells == std::vector<std::string>{"a, b", "say \"hi\"\nthere"});
    CHECK(records[1].source == "\"a, b\",\"say \"\"hi\"\"\nthere\"");
    CHECK(records[2].cells == std::vector<std::string>{"plain", ""});
    CHECK_THROWS_WITH(read_csv("a\n\"open"), Contains("record 2: a quote is never closed"));
    CHECK_THROWS_WITH(read_csv("\"a\"b"), Contains("text after a closing quote"));
}

TEST_CASE("import rows: CSV cells typed by the resource table's fields", "[bulk][import]") {
    auto input = read_rows("id,title,organizationId,value.amount,isArchived,tags,customFields.n,owner.id,note\n"
                           "9,2024,2,25000,true,\"[\"\"a\"\"]\",12,7,\n",
                           InputFormat::csv, leads(), {});
    REQUIRE(input.rows.size() == 1);
    const Row& row = input.rows[0];
    CHECK(row.id == "9");
    CHECK_FALSE(row.update);
    // ids, titles and keys stay strings; the amount is a number, the flag a boolean, tags JSON;
    // the unknown custom field is typed like -F; the empty note is left out; the id is not sent.
    CHECK(body_of(row) == R"({"title":"2024","organizationId":"2","value":{"amount":25000},"isArchived":true,)"
                          R"("tags":["a"],"customFields":{"n":12},"owner":{"id":"7"}})");
    auto strings = read_rows("title,customFields.n\nx,12\n", InputFormat::csv, leads(), {.string_fields = {"customFields.n"}});
    CHECK(body_of(strings.rows[0]) == R"({"title":"x","customFields":{"n":"12"}})");
}

TEST_CASE("import rows: --update-by id, NDJSON and JSON arrays, bad rows named", "[bulk][import]") {
    auto input = read_rows("{\"id\":5,\"note\":\"n\"}\n\n{\"title\":\"new\"}\n", InputFormat::ndjson, leads(), {.update_by_id = true});
    REQUIRE(input.rows.size() == 2);
    CHECK(input.rows[0].update);
    CHECK(input.rows[0].id == "5");
    CHECK(input.rows[1].number == 2);
    CHECK_FALSE(input.rows[1].update);
    CHECK(write_rows(input, {&input.rows[1]}) == "{\"title\":\"new\"}\n");

    auto array = read_rows(R"([{"title":"a"}, {"title":"b"}])", InputFormat::json, leads(), {});
    CHECK(write_rows(array, {&array.rows[0], &array.rows[1]}) == "[{\"title\":\"a\"},\n{\"title\":\"b\"}]\n");
    CHECK_THROWS_WITH(read_rows("[{\"title\":\"\"},{\"id\":\"1\"},2]", InputFormat::json, leads(), {.update_by_id = true}),
                      Contains("3 of 3 rows are invalid; nothing sent: row 1: title is required") &&
                          Contains("row 2: nothing to update besides the id") && Contains("row 3: not a JSON object"));
    CHECK_THROWS_WITH(read_rows("title,title\n", InputFormat::csv, leads(), {}), Contains("names title twice"));
}

TEST_CASE("import rows: the format from the flag, the file name, else the content", "[bulk][import]") {
    CHECK(input_format(std::string("json"), "x.csv", "") == InputFormat::json);
    CHECK(input_format(std::nullopt, "leads.jsonl", "title\n") == InputFormat::ndjson);
    CHECK(input_format(std::nullopt, "-", "  [{}]") == InputFormat::json);
    CHECK(input_format(std::nullopt, "-", "{}\n") == InputFormat::ndjson);
    CHECK(input_format(std::nullopt, "-", "title\nx\n") == InputFormat::csv);
}

TEST_CASE("import journal: each row's last record decides, and a row sent and never answered is unknown", "[bulk][import]") {
    TempFile tmp;
    {
        ImportJournal journal(tmp.path, "lead", "abc");
        CHECK(journal.rows().empty());
        for (size_t row : {1, 2, 3, 4}) journal.sent(row);
        journal.settled(1, RowOutcome::created, "id 1");
        journal.settled(2, RowOutcome::failed, "HTTP 503\nbusy");
        journal.settled(3, RowOutcome::unknown, "dropped");
    }
    CHECK(tmp.text() == "crm import journal v1: entity lead, job abc\nsent row 1\nsent row 2\nsent row 3\nsent row 4\n"
                        "created row 1: id%201\nfailed row 2: HTTP 503 busy\nunknown row 3: dropped\n");
    {
        ImportJournal again(tmp.path, "lead", "abc");
        REQUIRE(again.rows().size() == 4);
        CHECK(again.rows().at(1).outcome == RowOutcome::created);
        CHECK(again.rows().at(1).id == "id 1");
        CHECK(again.rows().at(2).outcome == RowOutcome::failed);
        CHECK(again.rows().at(3).outcome == RowOutcome::unknown);
        CHECK(again.rows().at(4).outcome == RowOutcome::unknown);
        CHECK_THROWS_WITH(ImportJournal(tmp.path, "lead", "abc"), Contains("in use by another crm import run"));
    }
    CHECK_THROWS_WITH(ImportJournal(tmp.path, "lead", "other"), Contains("belongs to another job"));
}

TEST_CASE("import journal: a row's sent record is synced before it goes, its outcome with the next", "[bulk][import]") {
    static int syncs = 0;
    syncs = 0;
    TempFile tmp;
    ImportJournal journal(tmp.path, "lead", "abc", [](int) { return ++syncs, 0; });
    CHECK(syncs == 1);  // the header
    journal.sent(1);
    CHECK(syncs == 2);
    journal.settled(1, RowOutcome::created, "7");
    CHECK(syncs == 2);
    CHECK_THAT(tmp.text(), Contains("created row 1: 7\n"));  // written, so a kill loses nothing
    journal.sync();
    CHECK(syncs == 3);
}

TEST_CASE("import run: skips what the journal settled, holds unknown creates, accounts for every row", "[bulk][import]") {
    TempFile tmp;
    auto input = read_rows("{\"title\":\"a\"}\n{\"title\":\"b\"}\n{\"title\":\"c\"}\n{\"id\":\"9\",\"title\":\"d\"}\n"
                           "{\"title\":\"e\"}\n",
                           InputFormat::ndjson, leads(), {.update_by_id = true});
    {
        ImportJournal journal(tmp.path, "lead", "job");
        journal.settled(1, RowOutcome::created, "1");
        journal.sent(2);  // killed in flight: unknown
        journal.settled(3, RowOutcome::failed, "HTTP 503");
        journal.sent(4);  // an update in flight: sent again (idempotent)
    }
    ImportJournal journal(tmp.path, "lead", "job");
    std::vector<size_t> sent;
    auto send = [&](const NextRow& next, const OnRowAnswer& on_answer) {
        // The first row goes alone: nothing more is handed out until it is answered.
        auto first = next();
        REQUIRE(first);
        CHECK_FALSE(next());
        sent.push_back(*first);
        on_answer(*first, {.kind = Answer::Kind::accepted, .id = "30"});
        while (auto index = next()) {
            sent.push_back(*index);
            if (input.rows[*index].number == 5) {
                on_answer(*index, {.kind = Answer::Kind::rejected, .why = "HTTP 400: bad", .status = 400, .exit = kExitRejected});
            } else {
                on_answer(*index, {.kind = Answer::Kind::accepted});
            }
        }
    };
    auto summary = run_import(input.rows, send, {.journal = &journal});
    CHECK(sent == std::vector<size_t>{2, 3, 4});  // rows 3, 4, 5
    CHECK(summary.skipped == 1);
    CHECK(summary.held == std::vector<size_t>{2});
    CHECK(summary.created == 1);
    CHECK(summary.updated == 1);
    CHECK(summary.failed == 1);
    CHECK(summary.unknown == 1);
    REQUIRE(summary.results.size() == 4);
    CHECK(summary.results[0].row == 2);
    CHECK(summary.results[1].id == "30");
    CHECK(summary.results[2].id == "9");
    CHECK(summary.exit == kExitPartial);
    CHECK_THAT(tmp.text(), Contains("sent row 3\ncreated row 3: 30\nsent row 4\nupdated row 4\nsent row 5\nfailed row 5: HTTP 400: bad\n"));
}

TEST_CASE("import run: a 401 stops the run, and the rows never sent count as failed", "[bulk][import]") {
    auto input = read_rows("[{\"title\":\"a\"},{\"title\":\"b\"},{\"title\":\"c\"}]", InputFormat::json, leads(), {});
    size_t requests = 0;
    auto send = [&](const NextRow& next, const OnRowAnswer& on_answer) {
        while (auto index = next()) {
            ++requests;
            if (!on_answer(*index, {.kind = Answer::Kind::failed, .why = "HTTP 401", .status = 401, .exit = kExitAuth, .stop = true}))
                break;
        }
    };
    auto summary = run_import(input.rows, send, {});
    CHECK(requests == 1);
    CHECK(summary.failed == 3);
    CHECK(summary.exit == kExitAuth);
    CHECK_THAT(summary.stopped, Contains("stopped after row 1"));
}
