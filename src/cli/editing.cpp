#include "cli/editing.h"

#include "api/requests.h"
#include "cli/entities.h"
#include "errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace crm::cli {

namespace {

std::vector<std::string> words_of(const std::vector<std::string>& values) {
    std::vector<std::string> words;
    for (const auto& value : values) {
        for (auto& word : api::split_list(value)) words.push_back(std::move(word));
    }
    return words;
}

// The records of a list response: its "items", or the response itself when it is an array.
const json::Value& items_in(const json::Value& doc, const http::Request& request) {
    if (doc.IsArray()) return doc;
    const json::Value* items = doc.IsObject() ? json::find(doc, "items") : nullptr;
    if (!items || !items->IsArray())
        throw Error(fmt::format("unexpected response to {} {}: no \"items\" array", request.method, request.path),
                    kExitUnexpected);
    return *items;
}

}  // namespace

json::Document list_all(Context& ctx, const api::Resource& resource) {
    const auto request = api::list_request(resource, {}, 1, api::kMaxPageSize);
    auto doc = ctx.read(request, fmt::format("cannot list {}", resource.name));
    json::Document all;
    all.CopyFrom(items_in(doc, request), all.GetAllocator());
    return all;
}

StageLabels read_stage_labels(Context& ctx) {
    StageLabels labels;
    json::Document pipelines;
    try {
        pipelines = list_all(ctx, api::child_of("opportunities", "pipelines"));
    } catch (const ApiError&) {
        return labels;  // a nicety: the keys are still right (a key without read access, say)
    } catch (const NetworkError&) {
        return labels;
    }
    for (const auto& pipeline : pipelines.GetArray()) {
        const json::Value* stages = json::find(pipeline, "stages");
        if (!stages || !stages->IsArray()) continue;
        const std::string pipeline_id = api::text_of(pipeline, {"id"});
        for (const auto& stage : stages->GetArray()) {
            const std::string key = api::text_of(stage, {"key"}), label = api::text_of(stage, {"label"});
            if (!key.empty() && !label.empty()) labels[{pipeline_id, key}] = label;
        }
    }
    return labels;
}

namespace {

std::string id_of(const json::Value& record) {
    const json::Value* id = json::find(record, "id");
    return id ? json::scalar_text(*id) : std::string();
}

const api::NameRef* name_ref(const api::Resource& resource, std::string_view flag) {
    for (const auto& ref : resource.names) {
        if (ref.flag == flag) return &ref;
    }
    return nullptr;
}

api::NameLookup lookup_of(const api::Resource& lister, const api::NameRef& ref) {
    return {lister.singular, "--" + ref.flag, ref.name_keys};
}

// The pipeline a --stage label is looked up in, when no --pipeline was given: the body's
// pipelineId, else the opportunity's own (update), else the default pipeline (create: the API
// puts a new opportunity there).
json::Document stage_pipeline(Context& ctx, const api::Resource& opportunities, const json::Value& body,
                              const std::string* update_id) {
    const auto& pipelines = api::child_of(opportunities.name, "pipelines");
    std::string pipeline_id = api::text_of(body, {"pipelineId"});
    if (pipeline_id.empty() && update_id) {
        auto record = ctx.read(api::get_request(opportunities, *update_id),
                               fmt::format("cannot get {} {}", opportunities.singular, *update_id));
        pipeline_id = api::text_of(item_of(record), {"pipelineId"});
    }
    json::Document pipeline;
    if (!pipeline_id.empty()) {
        auto doc = ctx.read(api::get_request(pipelines, pipeline_id), fmt::format("cannot get pipeline {}", pipeline_id));
        pipeline.CopyFrom(item_of(doc), pipeline.GetAllocator());
        return pipeline;
    }
    auto all = list_all(ctx, pipelines);
    const json::Value* chosen = nullptr;
    for (const auto& p : all.GetArray()) {
        const json::Value* is_default = json::find(p, "isDefault");
        if (is_default && is_default->IsBool() && is_default->GetBool()) chosen = &p;
    }
    if (!chosen && all.Size() == 1) chosen = &all[0];
    if (!chosen) throw UsageError("--stage: no pipeline is marked as the default; say which with --pipeline");
    pipeline.CopyFrom(*chosen, pipeline.GetAllocator());
    return pipeline;
}

}  // namespace

void run_tag_edit(Context& ctx, const api::Resource& resource, const TagEditOptions& options) {
    if (resource.tags_path.empty()) throw UsageError(fmt::format("{} have no tags", resource.name));
    const auto add = words_of(options.add), remove = words_of(options.remove);
    for (const auto& id : options.ids) api::id_segment(id);  // before any read
    if (add.empty() && remove.empty()) throw UsageError("nothing to change: give --add and/or --remove");
    for (const auto& word : add) {
        if (std::any_of(remove.begin(), remove.end(), [&](const std::string& r) { return api::same_text(r, word); }))
            throw UsageError(fmt::format("tag '{}' is both in --add and --remove; nothing sent", word));
    }

    // The entity's tags: the labels are checked before any record is read.
    const auto list_request = api::tags_lookup_request(resource);
    auto list = ctx.read(list_request, fmt::format("cannot list {} tags", resource.name));
    const auto known = api::tags_of(items_in(list, list_request));
    auto plan = api::plan_tags(known, add, remove);
    if (!plan.missing.empty()) {
        if (!options.create_missing) {
            std::vector<std::string> labels;
            for (const auto& tag : known) labels.push_back(tag.label);
            throw UsageError(fmt::format("no {} tag {} (tags: {}); --create-missing creates it; nothing sent",
                                         resource.singular, fmt::join(plan.missing, ", "),
                                         labels.empty() ? "none yet" : fmt::format("{}", fmt::join(labels, ", "))));
        }
        for (const auto& label : plan.missing) {
            const auto request = api::tag_create_request(resource, {.label = label}, identity(ctx));
            auto created = ctx.call(request, fmt::format("cannot create {} tag {}", resource.singular, label));
            if (!created) {  // --dry-run: printed; the new tag's id is not known
                plan.add.push_back({"", label, ""});
                continue;
            }
            const json::Value& item = item_of(*created);
            plan.add.push_back({id_of(item), label, api::text_of(item, {"color"})});
            if (!ctx.globals().quiet) ctx.report().note(fmt::format("Created {} tag {}", resource.singular, label));
        }
    }

    const api::Identity who = identity(ctx);
    run_read_write(
        ctx, options.ids,
        {.read = [&](const std::string& id) { return api::get_request(resource, id); },
         .write = [&](const std::string& id, const json::Value& record) -> std::optional<http::Request> {
             auto tags = api::edit_tags(record.IsObject() ? json::find(record, "tags") : nullptr, plan.add, plan.remove, known);
             if (!tags) return std::nullopt;
             return api::record_tags_request(resource, id, *tags, who);
         },
         .write_verb = "tag",
         .unchanged_note = "{} {}: its tags are already as asked; nothing sent"},
        resource.singular, resource.columns);
}

void apply_name_flags(Context& ctx, const api::Resource& resource, const NameFlags& flags, json::Document& body,
                      const std::string* update_id) {
    if (flags.empty()) return;
    if (!body.IsObject()) throw UsageError("the name flags (--pipeline, --stage, --case-type) need a JSON object body");
    auto& alloc = body.GetAllocator();
    std::optional<json::Document> pipeline;  // the --pipeline record, where --stage is looked up
    for (const auto& [flag, value] : flags.refs) {
        const api::NameRef* ref = name_ref(resource, flag);
        if (!ref) throw Error(fmt::format("{} has no name flag --{}", resource.name, flag), kExitUnexpected);
        const auto& lister = api::child_of(resource.name, ref->lists);
        auto all = list_all(ctx, lister);
        const json::Value& record = api::pick_named(all, value, lookup_of(lister, *ref));
        api::set_path(body, ref->field, json::str(id_of(record), alloc));
        if (ref->lists == "pipelines") {
            pipeline.emplace();
            pipeline->CopyFrom(record, pipeline->GetAllocator());
        }
    }
    if (flags.stage) {
        if (!resource.has_status_and_stage) throw Error(fmt::format("{} have no stages", resource.name), kExitUnexpected);
        if (!pipeline) pipeline = stage_pipeline(ctx, resource, body, update_id);
        api::set_path(body, "stage", json::str(api::stage_key(*pipeline, *flags.stage), alloc));
    }
}

RecordFilter resolve_list_names(Context& ctx, const api::Resource& resource, const NameFlags& flags,
                                api::ListParams& params) {
    // Filters the API has (cases' --case-type): a name becomes the id the query wants.
    for (auto& [flag, values] : params.named) {
        const api::NameRef* ref = name_ref(resource, flag);
        if (!ref) continue;
        const auto& lister = api::child_of(resource.name, ref->lists);
        auto all = list_all(ctx, lister);
        std::vector<std::string> ids;
        for (const auto& word : words_of(values)) ids.push_back(id_of(api::pick_named(all, word, lookup_of(lister, *ref))));
        values = {fmt::format("{}", fmt::join(ids, ","))};
    }
    if (flags.empty()) return {};

    // The others, client-side: a record's field must be the id named.
    std::vector<std::pair<std::string, std::string>> equal;  // field, id
    std::optional<std::string> pipeline_id;
    for (const auto& [flag, value] : flags.refs) {
        const api::NameRef* ref = name_ref(resource, flag);
        if (!ref) throw Error(fmt::format("{} has no name flag --{}", resource.name, flag), kExitUnexpected);
        const auto& lister = api::child_of(resource.name, ref->lists);
        auto all = list_all(ctx, lister);
        const std::string id = id_of(api::pick_named(all, value, lookup_of(lister, *ref)));
        equal.emplace_back(ref->field, id);
        if (ref->lists == "pipelines") pipeline_id = id;
    }
    // --stage: the key of that label in each pipeline that has it (a stage key may be shared by
    // pipelines, a label may mean a different key in each).
    std::map<std::string, std::string> stage_by_pipeline;
    if (flags.stage) {
        const auto& pipelines = api::child_of(resource.name, "pipelines");
        auto all = list_all(ctx, pipelines);
        std::vector<std::string> where;
        for (const auto& p : all.GetArray()) {
            const std::string id = id_of(p);
            if (pipeline_id && id != *pipeline_id) continue;
            if (pipeline_id) {  // one pipeline: its own error lists its stages
                stage_by_pipeline[id] = api::stage_key(p, *flags.stage);
                continue;
            }
            const json::Value* stages = json::find(p, "stages");
            bool has = false;
            if (stages && stages->IsArray()) {
                for (const auto& s : stages->GetArray()) {
                    has = has || api::text_of(s, {"key", "id"}) == *flags.stage ||
                          api::same_text(api::text_of(s, {"label", "name"}), *flags.stage);
                }
            }
            if (has) stage_by_pipeline[id] = api::stage_key(p, *flags.stage);
            where.push_back(api::text_of(p, {"name"}).empty() ? id : api::text_of(p, {"name"}));
        }
        if (stage_by_pipeline.empty())
            throw UsageError(fmt::format("--stage: no stage '{}' in any pipeline ({}); nothing sent", *flags.stage,
                                         fmt::join(where, ", ")));
    }
    return [equal, stage_by_pipeline, staged = flags.stage.has_value()](const json::Value& record) {
        for (const auto& [field, id] : equal) {
            const json::Value* value = json::find(record, field);
            if (!value || json::scalar_text(*value) != id) return false;
        }
        if (!staged) return true;
        auto it = stage_by_pipeline.find(api::text_of(record, {"pipelineId"}));
        return it != stage_by_pipeline.end() && api::text_of(record, {"stage"}) == it->second;
    };
}

}  // namespace crm::cli
