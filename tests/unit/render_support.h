// Helpers for the renderer tests: feed a JSON array through a renderer as one list (optionally
// in pages) and capture stdout and the notes stream.
#pragma once
#include "json/json.h"
#include "render/render.h"

#include <sstream>
#include <string>
#include <string_view>

namespace crm::render::test {

struct Rendered {
    std::string out;
    std::string notes;
};

// `page_size` > 0 calls end_page() after every that many records, as `--all` does per page.
inline Rendered render_list(Format format, std::string_view records, Options options = {}, size_t page_size = 0) {
    std::ostringstream out, notes;
    json::Document doc = json::parse(records);
    auto renderer = make_renderer(format, std::move(options), out, notes);
    renderer->begin_list();
    size_t count = 0;
    for (const auto& record : doc.GetArray()) {
        renderer->record(record);
        if (page_size > 0 && ++count % page_size == 0) renderer->end_page();
    }
    renderer->end_list();
    return {out.str(), notes.str()};
}

inline Rendered render_single(Format format, std::string_view record, Options options = {}) {
    std::ostringstream out, notes;
    json::Document doc = json::parse(record);
    make_renderer(format, std::move(options), out, notes)->single(doc);
    return {out.str(), notes.str()};
}

inline Options with_fields(std::vector<std::string> fields) {
    Options options;
    options.fields = std::move(fields);
    return options;
}

}  // namespace crm::render::test
