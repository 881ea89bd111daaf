#include "bulk/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace crm::bulk {

namespace {

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

}  // namespace

void IdSet::add(std::string_view raw) {
    auto id = trim(raw);
    if (id.empty()) {
        ++blank;
        return;
    }
    ++read;
    auto [it, inserted] = seen_.emplace(id);
    if (!inserted) {
        ++duplicates;
        return;
    }
    ids.push_back(*it);
}

IdSet read_id_lines(std::string_view text) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    IdSet set;
    while (!text.empty()) {
        auto end = text.find('\n');
        set.add(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return set;
}

IdSet read_id_lists(const std::vector<std::string>& values) {
    IdSet set;
    for (std::string_view value : values) {
        while (true) {
            auto comma = value.find(',');
            set.add(value.substr(0, comma));
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
