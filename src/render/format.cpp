// Format names and the factory: the one place that maps a format to its renderer.
#include "render/internal.h"

#include <array>
#include <utility>

namespace crm::render {

namespace {

constexpr std::array<std::pair<Format, std::string_view>, 6> kFormats{{
    {Format::table, "table"},
    {Format::json, "json"},
    {Format::ndjson, "ndjson"},
    {Format::csv, "csv"},
    {Format::tsv, "tsv"},
    {Format::ids, "ids"},
}};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    for (const auto& [format, format_text] : kFormats) {
        if (format_text == name) return format;
    }
    return std::nullopt;
}

std::string_view format_name(Format format) {
    for (const auto& [candidate, name] : kFormats) {
        if (candidate == format) return name;
    }
    return {};
}

const std::vector<std::string>& format_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const auto& entry : kFormats) result.emplace_back(entry.second);
        return result;
    }();
    return names;
}

std::unique_ptr<Renderer> make_renderer(Format format, Options options, std::ostream& out, std::ostream& notes) {
    switch (format) {
        case Format::table: return detail::make_table(std::move(options), out, notes);
        case Format::json: return detail::make_json(std::move(options), out);
        case Format::ndjson: return detail::make_ndjson(std::move(options), out);
        case Format::csv:
        case Format::tsv: return detail::make_delimited(format, std::move(options), out);
        case Format::ids: return detail::make_ids(out);
    }
    return nullptr;  // unreachable: every enumerator is handled above
}

}  // namespace crm::render
