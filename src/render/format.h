// The output formats of CLI.md §4, named once: -o, CRM_OUTPUT, the profile's output key, help
// and completions all take these names.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::render {

enum class Format { table, json, ndjson, csv, tsv, ids };

std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);
const std::vector<std::string>& format_names();  // for help, completions, validation

}  // namespace crm::render
