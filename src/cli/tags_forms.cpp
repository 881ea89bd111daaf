#include "cli/tags_forms.h"

#include "api/resources.h"
#include "cli/entities.h"
#include "errors.h"

#include <fmt/format.h>

#include <map>

namespace crm::cli {

namespace {

const std::vector<std::string> kTagColumns = {"id", "label", "color"};
const std::vector<std::string> kFieldColumns = {"id", "label", "category", "type", "required"};

const api::Resource& entity_with(const std::string& name, std::string api::Resource::*path, const char* what) {
    const auto* r = api::find_entity(name);
    if (!r || (r->*path).empty()) {
        std::vector<std::string> valid;
        for (const auto& candidate : api::resources()) {
            if (candidate.parent.empty() && !(candidate.*path).empty()) valid.push_back(candidate.name);
        }
        throw UsageError(fmt::format("no {} for '{}'; use one of: {}", what, name, fmt::join(valid, ", ")));
    }
    return *r;
}

const api::Resource& tagged(const TagOptions& o) { return entity_with(o.entity, &api::Resource::tags_path, "tags"); }

}  // namespace

void run_tags_list(Context& ctx, const TagOptions& o) {
    const auto request = api::tags_list_request(tagged(o));
    stream_pages(ctx, [&](int, std::optional<int>) { return request; }, {}, kTagColumns,
                 fmt::format("cannot list {} tags", o.entity));
}

void run_tags_create(Context& ctx, const TagOptions& o) {
    if (auto doc = ctx.call(api::tag_create_request(tagged(o), o.tag, identity(ctx)),
                            fmt::format("cannot create {} tag", o.entity)))
        print_item(ctx, *doc, kTagColumns);
}

void run_tags_update(Context& ctx, const TagOptions& o) {
    if (auto doc = ctx.call(api::tag_update_request(tagged(o), o.id, o.tag),
                            fmt::format("cannot update {} tag {}", o.entity, o.id)))
        print_item(ctx, *doc, kTagColumns);
}

void run_tags_delete(Context& ctx, const TagOptions& o) {
    const auto& resource = tagged(o);
    run_for_ids(
        ctx, o.ids, [&](const std::string& id) { return api::tag_delete_request(resource, id); }, "tag", kTagColumns,
        {.verb = "delete",
         .print_records = false,
         .deleting = true,
         .done_verb = "Deleted",
         .confirm = fmt::format("Delete {} {} {}?", resource.singular, o.ids.size() == 1 ? "tag" : "tags",
                               fmt::join(o.ids, ", ")),
         .yes = o.yes});
}

void run_forms_get(Context& ctx, const std::string& entity) {
    const auto& r = entity_with(entity, &api::Resource::form_path, "form");
    auto doc = ctx.call(api::form_get_request(r), fmt::format("cannot get the {} form", r.name));
    if (!doc) return;
    // A person reads a form as its fields, one per row; other formats get the whole form.
    const json::Value* fields = json::find(item_of(*doc), "fields");
    if (ctx.format() == render::Format::table && !ctx.globals().raw && fields && fields->IsArray()) {
        auto renderer = ctx.renderer(kFieldColumns);
        renderer->begin_list();
        for (const auto& field : fields->GetArray()) renderer->record(field);
        renderer->end_page();
        renderer->end_list();
        return;
    }
    print_item(ctx, *doc, kFieldColumns);
}

FormDiff diff_forms(const json::Value& current_fields, const json::Value& new_fields) {
    auto by_id = [](const json::Value& fields) {
        std::map<std::string, const json::Value*> map;
        if (!fields.IsArray()) return map;
        for (const auto& f : fields.GetArray()) {
            const json::Value* id = json::find(f, "id");
            if (id && id->IsString()) map[id->GetString()] = &f;
        }
        return map;
    };
    auto before = by_id(current_fields), after = by_id(new_fields);
    FormDiff diff;
    for (const auto& [id, field] : after) {
        auto it = before.find(id);
        if (it == before.end()) {
            ++diff.added;
        } else if (*it->second != *field) {
            ++diff.changed;
        }
    }
    for (const auto& [id, field] : before) {
        if (!after.count(id)) ++diff.removed;
    }
    return diff;
}

void run_forms_set(Context& ctx, const std::string& entity, const api::BodyInput& input, bool yes) {
    const auto& r = entity_with(entity, &api::Resource::form_path, "form");
    if (!input.data) throw UsageError("forms set replaces the whole form: give it with --data (JSON with a \"fields\" array)");
    auto body = make_body(ctx, input, api::Stamp::create);
    const auto request = api::form_set_request(r, body);  // checks the "fields" array
    const json::Value& fields = *json::find(body, "fields");
    if (!yes && !ctx.globals().dry_run) {
        if (!ctx.io().can_prompt()) {
            throw UsageError(fmt::format("replacing the {} form needs --yes when not on a terminal", r.name));
        }
        auto current = ctx.call(api::form_get_request(r));
        const json::Value& form = item_of(*current);
        const json::Value* old_fields = json::find(form, "fields");
        json::Value none(rapidjson::kArrayType);
        FormDiff diff = diff_forms(old_fields ? *old_fields : none, fields);
        ctx.io().err() << fmt::format("The {} form will be replaced: {} field(s) added, {} removed, {} changed.\n",
                                      r.name, diff.added, diff.removed, diff.changed);
        if (!ctx.io().confirm("Replace the form?")) throw UsageError("cancelled");
    }
    if (auto doc = ctx.call(request, fmt::format("cannot replace the {} form", r.name)))
        print_item(ctx, *doc, kFieldColumns);
}

}  // namespace crm::cli
