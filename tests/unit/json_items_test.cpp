// The DOM-free reading of list pages (json/items.h, json/compact.h) against the DOM it
// replaces: every record's text must be json::write of the parsed record, every cell what
// json::find + json::scalar_text give, and anything unusual must be left to json::parse.
#include "json/compact.h"
#include "json/items.h"
#include "json/json.h"
#include "render/render.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace crm;

namespace {

// Records that json::write rewrites (escapes it does not use, numbers it reformats, spaces),
// records it prints as they are, and the odd ones: duplicate names, dotted and empty names,
// non-object records.
const std::vector<std::string> kRecords = {
    R"({"id":"1","name":"Zo\u00eb \u00E9 \ud83d\ude00 \/ \u001f \u001F \u0000 \b\f\n\r\t \"q\" \\ , lead","n":[1,[2,[3,[]]],{}],"o":{"a":{"b":{}}},"e":{},"owner":{"name":" pad ","id":7}})",
    R"({"id":2,"big":18446744073709551615,"bigger":18446744073709551616,"neg":-9223372036854775808,"negger":-9223372036854775809,"huge":12345678901234567890123,"z":-0,"zf":-0.0,"f":1.5e3,"g":0.1,"h":1E-7,"i":100.0,"owner":null})",
    R"( { "id" : 3 , "spaced" : [ 1 , 2 ] , "owner" : { "name" : "tab\there" } } )",
    R"({"id":4,"dup":1,"dup":2,"owner":{"name":"A","name":"B"},"a.b":1,"a":{"b":2},"":"empty key","t":true,"f":false,"nul":null})",
    R"({"id":5,"owner":{"name":"late","extra":{"x":1}},"value":{"amount":1.25,"code":"EUR"},"tags":[]})",
    R"({"id":"6","title":"plain, as the sandbox writes it","value":{"amount":80000,"code":"USD"},"tags":[{"id":"3","label":"x"}]})",
    R"("a string record")",
    R"(42)",
    R"([1,"two",null])",
};

// The records joined with commas between `open` and `close`.
std::string joined(const std::vector<std::string>& records, std::string_view open = "",
                   std::string_view close = "") {
    std::string out(open);
    for (size_t i = 0; i < records.size(); ++i) {
        if (i > 0) out += ',';
        out += records[i];
    }
    out += close;
    return out;
}

// The page as the DOM path reads it: its items written back, and its total (-1 when none).
struct Expected {
    std::vector<std::string> records;
    long total = -1;
};

Expected from_dom(const std::string& body) {
    const json::Document doc = json::parse(body);
    const json::Value* items = &doc;
    Expected expected;
    if (doc.IsObject()) {
        items = &doc["items"];
        auto total = doc.FindMember("total");
        if (total != doc.MemberEnd() && total->value.IsInt64()) expected.total = total->value.GetInt64();
    }
    for (const auto& record : items->GetArray()) expected.records.push_back(json::write(record));
    return expected;
}

void check_scan(const std::string& body) {
    INFO(body);
    json::ItemsText page;
    REQUIRE(json::scan_items(body, page));
    const Expected expected = from_dom(body);
    REQUIRE(page.size() == expected.records.size());
    for (size_t i = 0; i < page.size(); ++i) CHECK(page[i] == expected.records[i]);
    CHECK(page.total() == expected.total);
}

}  // namespace

TEST_CASE("scan_items gives each record exactly as json::write prints the parsed record", "[json]") {
    check_scan(joined(kRecords, R"({"items":[)", "]}"));
    check_scan(joined(kRecords, "[", "]"));
    check_scan(joined(kRecords, "{\n  \"items\" : [ ", " ] ,\n  \"page\": 1, \"size\": 100, \"total\": 1234\n}\n"));
    check_scan(joined(kRecords, R"({"page":{"deep":[1,{"x":"\u00e9"}]},"total":7,"items":[)", "]}"));
    for (const auto& record : kRecords) check_scan(joined({record}, R"({"items":[)", "]}"));
}

TEST_CASE("scan_items: empty pages, the paged shape and the first items and total", "[json]") {
    check_scan(R"({"items":[]})");
    check_scan("[]");
    check_scan(R"({"items":[ ],"page":3,"size":100,"total":0})");
    check_scan(R"({"items":[{"id":1}],"items":[{"id":2},{"id":3}],"total":5,"total":9})");
    // A total that is not an int64 is no total, as for FindMember + IsInt64.
    check_scan(R"({"items":[{"id":1}],"total":"12"})");
    check_scan(R"({"items":[{"id":1}],"total":null})");
    check_scan(R"({"items":[{"id":1}],"total":9223372036854775808})");
    check_scan(R"({"items":[{"id":1}],"total":[1]})");
}

TEST_CASE("scan_items leaves bad JSON and unusual shapes to json::parse", "[json]") {
    json::ItemsText page;
    // json::parse refuses these, with the error the user sees.
    for (const std::string& body : std::vector<std::string>{R"({"items":[{"n":1e400}]})", R"({"items":[1,]})", R"({"items":[{"a":1}]} x)",
                                   R"({"items":[01]})", R"({"items":[tru]})", R"({"items":["open)",
                                   "{\"items\":[\"raw\x01" "control\"]}", R"({"items":[{"a":"\ud800"}]})", "", "  ",
                                   joined({std::string(600, '[') + std::string(600, ']')}, R"({"items":[)", "]}")}) {
        INFO(body);
        CHECK_FALSE(json::scan_items(body, page));
        CHECK_THROWS_AS(json::parse(body), json::ParseError);
    }
    // json::parse reads these; the walk then finds no items or reads them from the DOM.
    for (const std::string& body : std::vector<std::string>{R"({"data":[]})", R"({"items":{"a":1}})", R"({"items":null})", R"({})", R"("x")",
                                   "\xEF\xBB\xBF{\"items\":[]}", R"({"\u0069tems":[{"id":1}]})",
                                   R"({"items":[],"total":-0})", R"({"items":[],"total":1e2})"}) {
        INFO(body);
        CHECK_FALSE(json::scan_items(body, page));
        CHECK_NOTHROW(json::parse(body));
    }
}

TEST_CASE("compact::find and append_scalar_text give what json::find and scalar_text give", "[json]") {
    const std::string body = joined(kRecords, "[", "]");
    json::ItemsText page;
    REQUIRE(json::scan_items(body, page));
    const json::Document doc = json::parse(body);
    const std::vector<std::string> paths = {"",       "id",         "name",     "n",       "o",     "o.a",
                                            "o.a.b",  "o.a.b.c",    "e",        "owner",   "owner.name",
                                            "owner.id", "owner.name.x", "dup",   "a.b",     "a",     "a.",
                                            "t",      "f",          "nul",      "zf",      "huge",  "nope",
                                            "value.amount", "tags", "owner.extra.x", "spaced"};
    for (size_t i = 0; i < page.size(); ++i) {
        const json::Value& record = doc[static_cast<rapidjson::SizeType>(i)];
        for (const auto& path : paths) {
            INFO(page[i] << " at '" << path << "'");
            const json::Value* value = json::find(record, path);
            std::string cell;
            json::compact::append_scalar_text(json::compact::find(page[i], path), cell);
            CHECK(cell == (value ? json::scalar_text(*value) : std::string()));
        }
    }
}

TEST_CASE("renderers print the same from a page's text as from its DOM", "[render]") {
    using crm::render::Format;
    const std::string body = joined(kRecords, R"({"items":[)", R"(],"total":9})");
    json::ItemsText page;
    REQUIRE(json::scan_items(body, page));
    const json::Document doc = json::parse(body);
    const auto& items = doc["items"];
    for (Format format : {Format::json, Format::ndjson, Format::csv, Format::tsv}) {
        for (const auto& fields : {std::vector<std::string>{}, std::vector<std::string>{"id", "owner.name", "owner", "a.b", "dup", "nope", "n"}}) {
            // Pages of four, so that csv's header comes from the first page and warns after it.
            auto render = [&](bool as_text) {
                std::ostringstream out, notes;
                crm::render::Options options;
                options.fields = fields;
                auto renderer = crm::render::make_renderer(format, options, out, notes);
                renderer->begin_list();
                for (size_t i = 0; i < page.size(); ++i) {
                    if (as_text) {
                        renderer->record_text(page[i]);
                    } else {
                        renderer->record(items[static_cast<rapidjson::SizeType>(i)]);
                    }
                    if (i % 4 == 3) renderer->end_page();
                }
                renderer->end_list();
                return out.str() + "\n--- notes:\n" + notes.str();
            };
            INFO(crm::render::format_name(format) << " with " << fields.size() << " fields");
            const std::string from_dom = render(false);
            CHECK(render(true) == from_dom);
            CHECK(from_dom.size() > 40);
        }
    }
}
