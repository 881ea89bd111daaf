// A list page's records as compact JSON text, without a DOM (issue 10: exports at wire speed).
// Servers mostly send records exactly as json::write would print them (compact, plain
// escapes, integers), so such a record is copied as it is; any other record goes through
// RapidJSON's SAX reader straight into its writer. Either way the text is what
// json::write(parse(record)) prints, byte for byte.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::json {

// The records of one page. Reused from page to page, so its buffers are allocated once.
class ItemsText {
public:
    size_t size() const { return spans_.size(); }
    std::string_view operator[](size_t i) const { return {text_.data() + spans_[i].first, spans_[i].second}; }
    long total() const { return total_; }  // the page's "total" when it is an int64, else -1

private:
    friend bool scan_items(std::string_view body, ItemsText& page);
    std::string text_;                              // the records back to back
    std::vector<std::pair<size_t, size_t>> spans_;  // offset and length of each in text_
    long total_ = -1;
};

// Fills `page` from a list response, `{"items":[...], ...}` (the first "items" and "total"
// count, as with FindMember) or a bare array. False for any other shape, for invalid JSON and
// for the rare forms this scan leaves alone (a byte-order mark, escapes in a top-level name,
// deep nesting, an unusual "total"): json::parse then reads the page and finds the same
// records, or reports the same error.
bool scan_items(std::string_view body, ItemsText& page);

}  // namespace crm::json
