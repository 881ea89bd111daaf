// Format names and the factory: the one place that maps a format to its renderer.
#include "render/internal.h"

#include "errors.h"
#include "term/report.h"

#include <fmt/format.h>

#include <array>
#include <ostream>
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

namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace

std::vector<std::string> checked_fields(const std::vector<std::string>& fields) {
    std::vector<std::string> paths;
    for (std::string_view value : fields) {
        for (size_t start = 0, comma = 0; comma != std::string_view::npos; start = comma + 1) {
            comma = value.find(',', start);
            std::string path = trimmed(value.substr(start, comma - start));  // to the end when comma is npos
            if (path.empty())
                throw UsageError("--fields has an empty field name (fields are separated by single commas)");
            if (path.front() == '.' || path.back() == '.' || path.find("..") != std::string::npos) {
                throw UsageError(fmt::format(
                    "--fields: '{}' is not a field path (names joined by single dots: owner.name)",
                    term::escape_controls(path)));
            }
            paths.push_back(std::move(path));
        }
    }
    return paths;
}

std::unique_ptr<Renderer> make_renderer(Format format, Options options, std::ostream& out, std::ostream& notes) {
    options.fields = checked_fields(options.fields);
    if (!options.warn) {
        options.warn = [&notes](std::string_view message) {
            notes << "crm: warning: " << term::escape_controls(message) << '\n' << std::flush;
        };
    }
    if (options.jq) return detail::make_jq(std::move(options), out);  // --jq replaces the format
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
