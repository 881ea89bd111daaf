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

void run_list(Context& ctx, const api::Resource& resource, const api::ListParams& given, const Paging& paging,
              const NameFlags& names) {
    api::ListParams params = given;
    params.now = ctx.now();  // relative dates: one window for every page
    // Validate every filter before the first request, so a typo never sends anything.
    api::list_request(resource, params, paging.page, paging.size);
    if (!names.empty() && ctx.globals().raw)
        throw UsageError("--raw prints the pages as received, so it cannot show a list filtered client-side");
    const RecordFilter keep = resolve_list_names(ctx, resource, names, params);
    stream_pages(
        ctx, [&](int page, std::optional<int> size) { return api::list_request(resource, params, page, size); },
        paging, resource.columns, fmt::format("cannot list {}", resource.name), keep);
}

void run_get(Context& ctx, const api::Resource& resource, const std::vector<std::string>& ids) {
    run_for_ids(
        ctx, ids, [&](const std::string& id) { return api::get_request(resource, id); }, resource.singular,
        resource.columns, {});
}

void run_create(Context& ctx, const api::Resource& resource, const api::BodyInput& input, const NameFlags& names) {
    auto body = api::build_body(input, file_reader(ctx));
    apply_name_flags(ctx, resource, names, body, nullptr);
    api::stamp_identity(body, identity(ctx), api::Stamp::create);
    if (auto doc = ctx.call(api::create_request(resource, body), fmt::format("cannot create {}", resource.singular)))
        print_item(ctx, *doc, resource.columns);
}

void run_update(Context& ctx, const api::Resource& resource, const std::string& id, const api::BodyInput& input,
                const NameFlags& names) {
    if (input.empty() && names.empty()) throw UsageError("nothing to update: give --data, --field or --typed-field");
    api::id_segment(id);  // checked before the name lookups read anything
    auto body = api::build_body(input, file_reader(ctx));
    apply_name_flags(ctx, resource, names, body, &id);
    api::stamp_identity(body, identity(ctx), api::Stamp::update);
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

// A stage key as given, or the key of the stage whose label matches, looked up in the
// opportunity's pipeline (api::stage_key; unknown: a usage error listing the stages). The reads
// are sent under --dry-run too, so the printed request carries the key (CLI.md §12).
std::string resolve_stage(Context& ctx, const std::string& id, const std::string& stage) {
    const auto& opps = entity("opportunities");
    const auto& pipelines = api::child_of("opportunities", "pipelines");
    auto opp = ctx.read(api::get_request(opps, id), fmt::format("cannot get opportunity {}", id));
    std::string pipeline_id = api::text_of(item_of(opp), {"pipelineId"});
    if (pipeline_id.empty()) return stage;
    auto pipeline = ctx.read(api::get_request(pipelines, pipeline_id), fmt::format("cannot get pipeline {}", pipeline_id));
    return api::stage_key(item_of(pipeline), stage);
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
