#include "cli/complete.h"

#include "api/editing.h"
#include "api/requests.h"
#include "api/resources.h"
#include "config/private_file.h"
#include "errors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace crm::cli {

namespace {

namespace fs = std::filesystem;

// Settings that bound the fetch (flags, so they win): one attempt of at most 0.6 s, and at most
// 0.2 s for an api_key_command — under a second in all, whatever the profile says.
const std::map<std::string, std::string> kCompletionBounds = {
    {"timeout", "0.6"}, {"retries", "0"}, {"api_key_command_timeout", "0.2"}};

// One file per server, profile and kind, so two tenants never share labels.
fs::path cache_file(Context& ctx, const std::string& kind) {
    const auto& s = ctx.settings();
    const auto key = std::hash<std::string>{}(fmt::format("{}\n{}\n{}", s.typed.base_url, s.profile, kind));
    return config::cache_dir(ctx.getenv()) / fmt::format("complete-{:016x}", key);
}

std::optional<std::string> read_cache(const fs::path& file, bool fresh_only) {
    std::error_code ec;
    const auto written = fs::last_write_time(file, ec);
    if (ec) return std::nullopt;
    if (fresh_only && fs::file_time_type::clock::now() - written > kCompletionCacheAge) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? std::optional(text.str()) : std::nullopt;
}

// The label (else name) of each record, or of each stage of each pipeline, one a line.
std::string labels(const json::Value& items, bool stages) {
    std::string out;
    std::set<std::string> seen;  // a stage label may be in several pipelines
    auto add = [&](const json::Value& record) {
        auto label = api::text_of(record, {"label", "name"});
        if (label.empty() || label.find('\n') != std::string::npos || !seen.insert(label).second) return;
        out.append(label).push_back('\n');
    };
    if (!items.IsArray()) return out;
    for (const auto& record : items.GetArray()) {
        if (!stages) {
            add(record);
            continue;
        }
        const json::Value* list = json::find(record, "stages");
        if (list && list->IsArray())
            for (const auto& stage : list->GetArray()) add(stage);
    }
    return out;
}

// The request that lists KIND's labels, or nullopt for a kind this build does not know.
std::optional<http::Request> labels_request(const std::vector<std::string>& kind) {
    if (kind.size() == 1 && kind[0] == kCompleteStages)
        return api::list_request(api::child_of("opportunities", "pipelines"), {}, 1, api::kMaxPageSize);
    if (kind.size() == 2 && kind[0] == kCompleteTags) {
        const api::Resource* entity = api::find_entity(kind[1]);
        if (entity && !entity->tags_path.empty()) return api::tags_lookup_request(*entity);
    }
    return std::nullopt;
}

std::string fetch_labels(Context& ctx, const std::vector<std::string>& kind) {
    auto request = labels_request(kind);
    if (!request) return {};
    const auto file = cache_file(ctx, fmt::format("{}", fmt::join(kind, " ")));
    if (auto cached = read_cache(file, true)) return *cached;
    auto result = ctx.client().send(*request);
    if (result.failure != http::Failure::none || result.response.status / 100 != 2)
        return read_cache(file, false).value_or("");  // slow or refused: an old answer beats none
    auto doc = json::parse(result.response.body);
    const json::Value* items = json::find(doc, "items");
    std::string text = items ? labels(*items, kind[0] == kCompleteStages) : "";
    try {
        config::detail::write_private_file(file, text);
    } catch (const Error&) {
        // An unwritable cache only costs the next completion a fetch.
    }
    return text;
}

}  // namespace

void run_complete(Context& ctx, const std::vector<std::string>& kind) {
    if (kind.size() == 1 && kind[0] == kCompleteProfiles) {
        try {
            for (const auto& name : config::ConfigFile(config::config_path(ctx.getenv())).profiles())
                ctx.io().out() << name << '\n';
        } catch (const Error&) {
        }
        return;
    }
    Globals globals = ctx.globals();
    for (const auto& [key, value] : kCompletionBounds) globals.overrides.insert_or_assign(key, value);
    Context bounded(ctx.io(), std::move(globals), ctx.getenv());
    std::string text;
    try {
        text = fetch_labels(bounded, kind);
    } catch (const std::exception&) {
        // No base URL or key, a bad config file, a body that is not JSON: nothing to offer.
    }
    ctx.io().out() << text;
}

}  // namespace crm::cli
