#include "bulk/journal.h"

#include "http/request.h"
#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

namespace crm::bulk {

namespace {

constexpr std::string_view kAnyVersion = "crm bulk delete journal v";
constexpr std::string_view kMagic = "crm bulk delete journal v2:";
constexpr std::string_view kJobIds = "job ids:";

// `prefix` then " id id …", percent-encoded so an id never holds a space or a newline.
std::string id_record(std::string_view prefix, std::span<const std::string> ids) {
    std::string text(prefix);
    for (const auto& id : ids) {
        text += ' ';
        text += http::percent_encode(id);
    }
    text += '\n';
    return text;
}

// The decoded ids of " a b%20c".
std::vector<std::string> ids_of(std::string_view text) {
    std::vector<std::string> ids;
    while (!text.empty()) {
        auto space = text.find(' ');
        if (space != 0) ids.push_back(http::percent_decode(text.substr(0, space)));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return ids;
}

// "sent batch 12: a b" → {12, "a b"}; nullopt when the line is not `<verb> batch N: …`.
std::optional<std::pair<size_t, std::string_view>> batch_line(std::string_view line, std::string_view verb) {
    std::string prefix = fmt::format("{} batch ", verb);
    if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
    line.remove_prefix(prefix.size());
    size_t number = 0;
    auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), number);
    if (ec != std::errc() || end == line.data()) return std::nullopt;
    std::string_view rest(end, static_cast<size_t>(line.data() + line.size() - end));
    if (rest.substr(0, 1) != ":") return std::nullopt;
    rest.remove_prefix(rest.size() > 1 ? 2 : 1);
    return std::pair{number, rest};
}

std::string_view first_line(std::string_view lines) { return lines.substr(0, lines.find('\n')); }

}  // namespace

std::string journal_header(std::string_view entity, const Job& job) {
    if (!job.filter.empty()) return fmt::format("{} entity {}, job filter {}", kMagic, entity, job.filter);
    return fmt::format("{} entity {}, job ids", kMagic, entity);
}

Journal::Journal(const std::string& path, std::string_view entity, const Job& job, JournalFile::Sync sync)
    : file_(path, "crm bulk", sync) {
    std::string header = journal_header(entity, job);
    std::string_view lines = file_.lines();
    std::string_view first = first_line(lines);
    bool job_torn = first.starts_with(kMagic) && first.ends_with(", job ids") && first.size() + 1 == lines.size();
    if (!job_torn) file_.check_header(kAnyVersion, kMagic, header);
    if (lines.empty() || job_torn) {
        // New, or killed before its job record was whole (nothing was sent): start afresh.
        start(header, job);
        return;
    }
    read(lines.substr(first.size() + 1), job);
}

void Journal::start(std::string_view header, const Job& job) {
    std::string text = std::string(header) + '\n';
    if (job.filter.empty()) text += id_record(kJobIds, job.ids);
    file_.restart(text);
}

// The records after the header: the job's ids (checked against this run), then the batches.
void Journal::read(std::string_view lines, const Job& job) {
    auto next_line = [&lines] {
        auto line = first_line(lines);
        lines.remove_prefix(std::min(line.size() + 1, lines.size()));
        return line;
    };
    if (job.filter.empty()) {
        auto record = next_line();
        if (!record.starts_with(kJobIds))
            throw UsageError(fmt::format("journal {} is damaged: its second line is not the job's ids", file_.path()));
        auto job_ids = ids_of(record.substr(kJobIds.size()));
        std::unordered_set<std::string_view> in_job(job_ids.begin(), job_ids.end());
        auto outside = std::ranges::count_if(job.ids, [&](const std::string& id) { return !in_job.contains(id); });
        if (outside > 0) {
            auto example = *std::ranges::find_if(job.ids, [&](const std::string& id) { return !in_job.contains(id); });
            throw UsageError(fmt::format("journal {} belongs to another job: {} of this run's ids are not in it "
                                         "(such as {}); use a new journal file", file_.path(), outside, http::percent_encode(example)));
        }
    }
    enum class Outcome { none, accepted, settled, unknown };
    static constexpr std::pair<std::string_view, Outcome> kVerbs[] = {
        {"sent", Outcome::none},      {"accepted", Outcome::accepted}, {"failed", Outcome::settled},
        {"split", Outcome::settled}, {"unknown", Outcome::unknown}};
    std::unordered_map<size_t, std::string_view> sent;
    std::unordered_map<size_t, Outcome> outcome;
    while (!lines.empty()) {
        auto line = next_line();
        for (auto [verb, result] : kVerbs) {
            auto parsed = batch_line(line, verb);
            if (!parsed) continue;
            state_.last_batch = std::max(state_.last_batch, parsed->first);
            if (result == Outcome::none) {
                sent[parsed->first] = parsed->second;
            } else {
                outcome[parsed->first] = result;
            }
            break;
        }
    }
    for (const auto& [number, ids] : sent) {
        auto result = outcome.contains(number) ? outcome[number] : Outcome::none;
        if (result == Outcome::settled) continue;  // failed or split: not carried out
        auto& into = result == Outcome::accepted ? state_.accepted : state_.unanswered;
        for (auto& id : ids_of(ids)) into.insert(std::move(id));
    }
    std::erase_if(state_.unanswered, [this](const std::string& id) { return state_.accepted.contains(id); });
}

void Journal::sent(const std::vector<Batch>& batches) {
    std::string text;
    for (const auto& batch : batches) text += id_record(fmt::format("sent batch {}:", batch.number), batch.ids);
    if (!text.empty()) file_.append(text);
}

void Journal::accepted(size_t batch, size_t deleted, size_t not_found) {
    file_.append(fmt::format("accepted batch {}: deleted {}, not found {}\n", batch, deleted, not_found));
}

void Journal::failed(size_t batch, std::string_view why) { file_.append(fmt::format("failed batch {}: {}\n", batch, one_line(why))); }

void Journal::unknown(size_t batch, std::string_view why) {
    file_.append(fmt::format("unknown batch {}: {}\n", batch, one_line(why)));
}

void Journal::split(size_t batch, std::string_view why) { file_.append(fmt::format("split batch {}: {}\n", batch, one_line(why))); }

}  // namespace crm::bulk
