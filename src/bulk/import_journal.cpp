#include "bulk/import_journal.h"

#include "http/request.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace crm::bulk {

namespace {

constexpr std::string_view kAnyVersion = "crm import journal v";
constexpr std::string_view kMagic = "crm import journal v1:";

struct Verb {
    std::string_view word;
    std::optional<RowOutcome> outcome;  // none: "sent"
};
constexpr Verb kVerbs[] = {{"sent", std::nullopt},
                           {"created", RowOutcome::created},
                           {"updated", RowOutcome::updated},
                           {"failed", RowOutcome::failed},
                           {"unknown", RowOutcome::unknown}};

std::string_view word_of(RowOutcome outcome) {
    for (const auto& verb : kVerbs) {
        if (verb.outcome == outcome) return verb.word;
    }
    return "unknown";
}

// "created row 12: 345" → row 12 created with id 345; nothing for another line.
void read_line(std::string_view line, std::map<size_t, RowRecord>& rows) {
    for (const auto& verb : kVerbs) {
        std::string prefix = fmt::format("{} row ", verb.word);
        if (!line.starts_with(prefix)) continue;
        line.remove_prefix(prefix.size());
        size_t row = 0;
        auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), row);
        if (ec != std::errc() || end == line.data()) return;
        std::string_view rest(end, static_cast<size_t>(line.data() + line.size() - end));
        RowRecord record{.outcome = verb.outcome.value_or(RowOutcome::unknown)};  // sent, never answered: unknown
        if (verb.outcome == RowOutcome::created && rest.starts_with(": ")) record.id = http::percent_decode(rest.substr(2));
        rows[row] = std::move(record);
        return;
    }
}

}  // namespace

ImportJournal::ImportJournal(const std::string& path, std::string_view entity, std::string_view job,
                             JournalFile::Sync sync_call)
    : file_(path, "crm import", sync_call) {
    std::string header = fmt::format("{} entity {}, job {}", kMagic, entity, job);
    file_.check_header(kAnyVersion, kMagic, header);
    std::string_view lines = file_.lines();
    if (lines.empty()) {
        file_.restart(header + '\n');
        return;
    }
    lines.remove_prefix(lines.find('\n') + 1);
    while (!lines.empty()) {
        auto end = lines.find('\n');
        read_line(lines.substr(0, end), rows_);
        lines.remove_prefix(end + 1);
    }
}

void ImportJournal::sent(size_t row) { file_.append(fmt::format("sent row {}\n", row)); }

void ImportJournal::settled(size_t row, RowOutcome outcome, std::string_view detail) {
    std::string text = fmt::format("{} row {}", word_of(outcome), row);
    if (outcome == RowOutcome::created) text += ": " + http::percent_encode(detail);
    else if (!detail.empty()) text += ": " + one_line(detail);
    file_.append(text + '\n', JournalFile::Durable::with_next);
}

}  // namespace crm::bulk
