// Pieces shared by the renderers of this folder; not part of the public interface.
#pragma once
#include "render/render.h"

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace crm::render::detail {

// Cell text at a dotted column path (a flattened key or any --fields path) for csv, tsv and
// the table: json::scalar_text, "" when the field is missing.
std::string cell_text(const json::Value& record, const std::string& column);

// The table's column names: the --fields when given, else the flattened keys of `first`.
std::vector<std::string> columns_for(const Options& options, const json::Value& first);

// A record projected onto --fields as nested objects: "owner.name" → {"owner":{"name":…}}; a
// missing field is null (json and ndjson print this, and --jq sees it).
json::Document project(const json::Value& record, const std::vector<std::string>& fields);

std::unique_ptr<Renderer> make_json(Options options, std::ostream& out);
std::unique_ptr<Renderer> make_ndjson(Options options, std::ostream& out);
std::unique_ptr<Renderer> make_delimited(Format format, Options options, std::ostream& out);
std::unique_ptr<Renderer> make_table(Options options, std::ostream& out, std::ostream& notes);
std::unique_ptr<Renderer> make_ids(std::ostream& out);
std::unique_ptr<Renderer> make_jq(Options options, std::ostream& out);

}  // namespace crm::render::detail
