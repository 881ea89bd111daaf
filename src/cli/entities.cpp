#include "cli/entities.h"

#include "errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace crm::cli {

namespace {

const api::Resource& entity(std::string_view name) {
    const auto* resource = api::find_entity(name);
    if (!resource) throw Error(fmt::format("no resource named {}", name), kExitUnexpected);
    return *resource;
}

const api::Resource& child(std::string_view parent, std::string_view name) {
    for (const auto& r : api::resources()) {
        if (r.parent == parent && r.name == name) return r;
    }
    throw Error(fmt::format("no resource {} {}", parent, name), kExitUnexpected);
}

}  // namespace

api::FileReader file_reader(Context& ctx) {
    return [&ctx](const std::string& path) {
        if (path == "-") {
            return std::string(std::istreambuf_iterator<char>(ctx.io().in()), std::istreambuf_iterator<char>());
        }
        std::ifstream file(path, std::ios::binary);
        if (!file) throw UsageError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    };
}

api::Identity identity(Context& ctx) {
    const auto& s = ctx.settings().typed;
    return {s.user_id, s.user_name, s.user_email, s.tenant_id};
}

json::Document make_body(Context& ctx, const api::BodyInput& input, std::optional<api::Stamp> stamp) {
    auto body = api::build_body(input, file_reader(ctx));
    if (stamp) api::stamp_identity(body, identity(ctx), *stamp);
    return body;
}

void run_list(Context& ctx, const api::Resource& resource, const api::ListParams& params, const Paging& paging) {
    // Validate every filter before the first request, so a typo never sends anything.
    api::list_request(resource, params, paging.page, paging.size);
    stream_pages(
        ctx, [&](int page, std::optional<int> size) { return api::list_request(resource, params, page, size); },
        paging, resource.columns, fmt::format("cannot list {}", resource.name));
}

void run_get(Context& ctx, const api::Resource& resource, const std::vector<std::string>& ids) {
    run_for_ids(
        ctx, ids, [&](const std::string& id) { return api::get_request(resource, id); }, resource.singular,
        resource.columns, {});
}

void run_create(Context& ctx, const api::Resource& resource, const api::BodyInput& input) {
    auto body = make_body(ctx, input, api::Stamp::create);
    if (auto doc = ctx.call(api::create_request(resource, body), fmt::format("cannot create {}", resource.singular)))
        print_item(ctx, *doc, resource.columns);
}

void run_update(Context& ctx, const api::Resource& resource, const std::string& id, const api::BodyInput& input) {
    if (input.empty()) throw UsageError("nothing to update: give --data, --field or --typed-field");
    auto body = make_body(ctx, input, api::Stamp::update);
    if (auto doc = ctx.call(api::update_request(resource, id, body), fmt::format("cannot update {} {}", resource.singular, id)))
        print_item(ctx, *doc, resource.columns);
}

namespace {

// "lead 42", or "3 leads (1, 2, 3)" with at most the first ten ids (CLI.md §7).
std::string describe_ids(const api::Resource& resource, const std::vector<std::string>& ids) {
    constexpr size_t kShown = 10;
    if (ids.size() == 1) return fmt::format("{} {}", resource.singular, ids[0]);
    const auto shown = static_cast<std::ptrdiff_t>(std::min(ids.size(), kShown));
    std::string more = ids.size() > kShown ? fmt::format(", … and {} more", ids.size() - kShown) : "";
    return fmt::format("{} {} ({}{})", ids.size(), resource.name, fmt::join(ids.begin(), ids.begin() + shown, ", "), more);
}

}  // namespace

void run_delete(Context& ctx, const api::Resource& resource, const std::vector<std::string>& ids,
                const DestructiveOptions& options) {
    run_for_ids(
        ctx, ids, [&](const std::string& id) { return api::delete_request(resource, id); }, resource.singular,
        resource.columns,
        {.verb = "delete",
         .print_records = false,
         .deleting = true,
         .ignore_not_found = options.ignore_not_found,
         .done_verb = "Deleted",
         .confirm = fmt::format("Delete {}?", describe_ids(resource, ids)),
         .yes = options.yes});
}

void run_id_action(Context& ctx, const api::Resource& resource, const api::IdAction& action,
                   const std::vector<std::string>& ids, bool ignore_not_found) {
    run_for_ids(
        ctx, ids,
        [&](const std::string& id) { return api::id_action_request(resource, action, id); },
        resource.singular, action.prints_entity.empty() ? resource.columns : entity(action.prints_entity).columns,
        {.verb = action.name, .ignore_not_found = ignore_not_found});
}

void run_merge(Context& ctx, const api::Resource& resource, const std::string& target,
               const std::vector<std::string>& sources, bool yes) {
    std::vector<std::string> ids;
    for (const auto& s : sources) {
        for (auto& id : api::split_list(s)) ids.push_back(std::move(id));
    }
    const http::Request request = api::merge_request(resource, target, ids, identity(ctx));
    // The sources are deleted: as destructive as a delete (CLI.md §7).
    confirm_or_throw(ctx, yes, fmt::format("Merge {} into {} {}? The sources are deleted.", describe_ids(resource, ids),
                                           resource.singular, target));
    if (auto doc = ctx.call(request, fmt::format("cannot merge into {} {}", resource.singular, target)))
        print_item(ctx, *doc, resource.columns);
}

void run_opportunity_status(Context& ctx, const api::StatusInput& input) {
    const auto& opps = entity("opportunities");
    if (auto doc = ctx.call(api::status_request(opps, input, identity(ctx)),
                            fmt::format("cannot set the status of opportunity {}", input.id)))
        print_item(ctx, *doc, opps.columns);
}

namespace {

std::string text_of(const json::Value& object, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        auto it = object.FindMember(key);
        if (it != object.MemberEnd() && it->value.IsString()) return it->value.GetString();
    }
    return {};
}

bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// A stage key as given, or the key of the stage whose label matches, looked up in the
// opportunity's pipeline. Unknown: an error that lists the stages.
std::string resolve_stage(Context& ctx, const std::string& id, const std::string& stage) {
    if (ctx.globals().dry_run) return stage;  // no lookups: show only the request that would change data
    const auto& opps = entity("opportunities");
    const auto& pipelines = child("opportunities", "pipelines");
    auto opp = ctx.call(api::get_request(opps, id), fmt::format("cannot get opportunity {}", id));
    std::string pipeline_id = text_of(item_of(*opp), {"pipelineId"});
    if (pipeline_id.empty()) return stage;
    auto pipeline = ctx.call(api::get_request(pipelines, pipeline_id), fmt::format("cannot get pipeline {}", pipeline_id));
    const json::Value& p = item_of(*pipeline);
    auto stages = p.IsObject() ? p.FindMember("stages") : p.MemberEnd();
    if (!p.IsObject() || stages == p.MemberEnd() || !stages->value.IsArray()) return stage;
    std::vector<std::string> names;
    for (const auto& s : stages->value.GetArray()) {
        if (!s.IsObject()) continue;
        std::string key = text_of(s, {"key", "id"});
        std::string label = text_of(s, {"label", "name"});
        if (key == stage) return key;
        names.push_back(label.empty() ? key : fmt::format("{} ({})", label, key));
    }
    for (const auto& s : stages->value.GetArray()) {
        if (s.IsObject() && same_text(text_of(s, {"label", "name"}), stage)) return text_of(s, {"key", "id"});
    }
    throw UsageError(fmt::format("no stage '{}' in pipeline {}; stages: {}", stage, pipeline_id, fmt::join(names, ", ")));
}

}  // namespace

void run_opportunity_stage(Context& ctx, const std::string& id, const std::string& stage) {
    const auto& opps = entity("opportunities");
    api::id_segment(id);  // checked before the lookups read anything
    if (auto doc = ctx.call(api::stage_request(opps, id, resolve_stage(ctx, id, stage), identity(ctx)),
                            fmt::format("cannot move opportunity {} to stage {}", id, stage)))
        print_item(ctx, *doc, opps.columns);
}

}  // namespace crm::cli
