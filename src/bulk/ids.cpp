#include "bulk/ids.h"

#include "errors.h"
#include "json/json.h"
#include "term/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace crm::bulk {

namespace {

constexpr size_t kShownChars = 60;  // of a bad line, in its error message

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

uint64_t fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

// The text of a bad input line as an error message shows it: escaped, and cut when long.
std::string shown(std::string_view text) {
    std::string out = term::escape_controls(text.substr(0, kShownChars));
    return text.size() > kShownChars ? out + "…" : out;
}

// Keeps `id` when it may be sent; `where` names it in the error ("--ids-from: line 3").
void add_checked(IdSet& set, std::string id, const std::string& where) {
    if (id.empty()) throw UsageError(fmt::format("{}: an empty id; nothing sent", where));
    // A control character (a NUL from a binary file, an escape sequence) is never part of an id.
    if (term::escape_controls(id) != id) {
        throw UsageError(fmt::format("{}: '{}' has control characters or bytes that are not UTF-8; nothing sent", where,
                                     shown(id)));
    }
    set.add(std::move(id));
}

// An id as crm prints it in JSON: a string or an integer, or a record's "id".
std::optional<std::string> json_id(const json::Value& value) {
    const json::Value* id = value.IsObject() ? json::find(value, "id") : &value;
    if (!id) return std::nullopt;
    if (id->IsString()) return std::string(id->GetString(), id->GetStringLength());
    if (id->IsInt64() || id->IsUint64()) return json::scalar_text(*id);
    return std::nullopt;
}

json::Document parse_or_throw(std::string_view text, const std::string& where) {
    try {
        return json::parse(text);
    } catch (const json::ParseError& e) {
        throw UsageError(fmt::format("{}: not valid JSON ({}); nothing sent", where, e.what()));
    }
}

// `crm X list -o json`: one array, pretty or compact, over any number of lines.
IdSet read_json_array(std::string_view text) {
    auto doc = parse_or_throw(text, "--ids-from: the JSON array");
    IdSet set;
    size_t element = 0;
    for (const auto& value : doc.GetArray()) {
        auto where = fmt::format("--ids-from: element {} of the JSON array", ++element);
        auto id = json_id(value);
        if (!id) throw UsageError(where + ": neither an id nor a record with an \"id\"; nothing sent");
        add_checked(set, std::move(*id), where);
    }
    return set;
}

// One line of `-o ids` (a plain id) or of `-o ndjson` (a record).
std::string line_id(std::string_view line, const std::string& where) {
    if (line.front() == '{') {
        auto doc = parse_or_throw(line, where);
        auto id = doc.IsObject() ? json_id(doc) : std::nullopt;
        if (!id) throw UsageError(where + ": a JSON record without an \"id\"; nothing sent");
        return std::move(*id);
    }
    // Whatever is not a bare token is not an id: a CSV or TSV header, a table row, quoted text.
    if (line.find_first_of(" \t\"'{}[],") != std::string_view::npos) {
        throw UsageError(fmt::format("{}: '{}' is not an id (spaces, quotes, braces, brackets or commas inside); "
                                     "give one id per line, or crm's json/ndjson output; nothing sent",
                                     where, shown(line)));
    }
    return std::string(line);
}

}  // namespace

void IdSet::add(std::string id) {
    ++read;
    auto [it, inserted] = seen_.insert(std::move(id));
    if (!inserted) {
        ++duplicates;
        return;
    }
    ids.push_back(*it);
}

IdSet read_ids(std::string_view text) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    if (trim(text).substr(0, 1) == "[") return read_json_array(text);
    IdSet set;
    for (size_t number = 1; !text.empty(); ++number) {
        auto end = text.find('\n');
        auto line = trim(text.substr(0, end));
        if (line.empty()) {
            ++set.blank;
        } else {
            auto where = fmt::format("--ids-from: line {}", number);
            add_checked(set, line_id(line, where), where);
        }
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return set;
}

IdSet read_id_lists(const std::vector<std::string>& values) {
    IdSet set;
    for (std::string_view value : values) {
        if (trim(value).empty()) throw UsageError("--ids got an empty value (an unset variable?); nothing sent");
        while (true) {
            auto comma = value.find(',');
            auto part = trim(value.substr(0, comma));
            if (part.empty()) {
                ++set.blank;
            } else {
                add_checked(set, std::string(part), "--ids");
            }
            if (comma == std::string_view::npos) break;
            value.remove_prefix(comma + 1);
        }
    }
    return set;
}

std::string set_hash(const std::vector<std::string>& ids) {
    std::vector<std::string_view> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    uint64_t hash = fnv1a("crm-ids");
    for (auto id : sorted) {
        hash = fnv1a(fmt::format("{}:", id.size()), hash);  // length-prefixed: no separator to escape
        hash = fnv1a(id, hash);
    }
    return fmt::format("{:016x}", hash);
}

}  // namespace crm::bulk
