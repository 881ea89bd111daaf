// /pipeline: leads (+archive, unarchive, convert), opportunities (+updateStatus, updateStage),
// pipelines, the opportunities form, lead/opportunity tags, bulk actions.
#include "api_error.h"
#include "routes.h"

namespace sandbox {
namespace {

using K = Condition::Kind;

// The stage keys of a pipeline, in order.
std::vector<std::string> stage_keys(const Value& pipeline) {
    std::vector<std::string> keys;
    if (const Value* st = member(pipeline, "stages"); st && st->IsArray())
        for (const auto& s : st->GetArray())
            if (auto k = get_string(s, "key")) keys.push_back(*k);
    return keys;
}

Document load_pipeline(Store& s, const std::string& id) {
    auto text = s.get(kPipelines, id);
    if (!text) throw bad_request("pipelineId", "pipeline " + id + " does not exist");
    return parse_stored(*text);
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    for (const auto& e : v)
        if (e == x) return true;
    return false;
}

// Opportunities: pipelineId must exist (default pipeline when absent); stage must be one of its
// stage keys (its first stage when absent or empty); status defaults to open.
void opportunity_hook(Store& s, Document& rec, const Value& body, const Value* before) {
    auto& a = rec.GetAllocator();
    std::string pipeline_id = get_string(rec, "pipelineId").value_or(kDefaultPipelineId);
    Document pipeline = load_pipeline(s, pipeline_id);
    auto keys = stage_keys(pipeline);
    set_string(rec, "pipelineId", pipeline_id, a);
    std::string stage = get_string(rec, "stage").value_or("");
    bool pipeline_changed = before && get_string(*before, "pipelineId").value_or(kDefaultPipelineId) != pipeline_id;
    if (stage.empty()) {
        // create, or a PATCH with "stage": "" (the reference's example): first stage of the
        // pipeline, unless the pipeline is unchanged and the old stage is still valid.
        std::string old = before ? get_string(*before, "stage").value_or("") : "";
        stage = (!pipeline_changed && contains(keys, old)) ? old : (keys.empty() ? "" : keys.front());
    } else if (!contains(keys, stage)) {
        throw bad_request("stage", "stage " + stage + " is not a stage key of pipeline " + pipeline_id);
    }
    set_string(rec, "stage", stage, a);
    if (!before && !member(body, "status")) set_string(rec, "status", "open", a);
}

void lead_hook(Store&, Document& rec, const Value&, const Value* before) {
    auto& a = rec.GetAllocator();
    if (!before) {
        if (!member(rec, "isArchived")) set_bool(rec, "isArchived", false, a);
        if (!member(rec, "isConverted")) set_bool(rec, "isConverted", false, a);
    }
}

ApiResponse set_archived(Store& s, const std::string& id, bool archived) {
    std::string json;
    s.atomically([&] {
        Document rec = load_or_404(s, kLeads, id, "lead");
        set_bool(rec, "isArchived", archived, rec.GetAllocator());
        json = save(s, kLeads, rec);
    });
    return item_response(json);
}

ApiResponse convert_lead(Store& s, const std::string& id) {
    std::string json;
    s.atomically([&] {
        Document lead = load_or_404(s, kLeads, id, "lead");
        if (const Value* c = member(lead, "isConverted"); c && c->IsBool() && c->GetBool())
            throw ApiError(409, "lead " + id + " is already converted");
        Document body;
        body.SetObject();
        auto& a = body.GetAllocator();
        for (const char* f : {"title", "value", "origin", "leadRating", "note", "organizationId", "organization",
                              "contactId", "contact", "owner", "tags", "customFields", "followers",
                              "participants", "tenantId"}) {
            if (const Value* v = member(lead, f)) body.AddMember(Value(f, a), Value(*v, a), a);
        }
        body.AddMember("leadId", Value(id, a), a);
        Document opp = new_record(s, kOpportunities, body);
        opportunity_hook(s, opp, body, nullptr);
        json = save(s, kOpportunities, opp);
        auto& la = lead.GetAllocator();
        set_bool(lead, "isConverted", true, la);
        set_string(lead, "opportunityId", *get_string(opp, "id"), la);
        save(s, kLeads, lead);
    });
    return item_response(json, 201);
}

ApiResponse update_status(Store& s, const ApiRequest& req, const std::string& id) {
    Document body = parse_body(req.body);
    require_string(body, "status");
    std::string status = *get_string(body, "status");
    if (status != "open" && status != "won" && status != "lost")
        throw bad_request("status", "status must be open, won or lost");
    const Value* reason = member(body, "lostReason");
    if (reason && !reason->IsNull()) {
        if (!reason->IsObject()) throw bad_request("lostReason", "lostReason must be an object");
        for (const char* f : {"reasonId", "comment"})
            if (const Value* v = member(*reason, f); v && !v->IsString() && !v->IsNull())
                throw bad_request(std::string("lostReason.") + f, std::string("lostReason.") + f + " must be a string");
    }
    check_field_types(body);
    std::string json;
    s.atomically([&] {
        Document rec = load_or_404(s, kOpportunities, id, "opportunity");
        auto& a = rec.GetAllocator();
        set_string(rec, "status", status, a);
        if (status == "lost" && reason && reason->IsObject()) set_member(rec, "lostReason", Value(*reason, a), a);
        else remove_member(rec, "lostReason");
        if (const Value* by = member(body, "lastUpdatedBy")) set_member(rec, "lastUpdatedBy", Value(*by, a), a);
        json = save(s, kOpportunities, rec);
    });
    return item_response(json);
}

ApiResponse update_stage(Store& s, const ApiRequest& req, const std::string& id) {
    Document body = parse_body(req.body);
    require_string(body, "stage");
    std::string stage = *get_string(body, "stage");
    check_field_types(body);
    std::string json;
    s.atomically([&] {
        Document rec = load_or_404(s, kOpportunities, id, "opportunity");
        std::string pipeline_id = get_string(rec, "pipelineId").value_or(kDefaultPipelineId);
        auto text = s.get(kPipelines, pipeline_id);
        auto keys = text ? stage_keys(parse_stored(*text)) : std::vector<std::string>{};
        if (!contains(keys, stage))
            throw bad_request("stage", "stage " + stage + " is not a stage key of pipeline " + pipeline_id);
        auto& a = rec.GetAllocator();
        set_string(rec, "stage", stage, a);
        if (const Value* by = member(body, "lastUpdatedBy")) set_member(rec, "lastUpdatedBy", Value(*by, a), a);
        json = save(s, kOpportunities, rec);
    });
    return item_response(json);
}

}  // namespace

void add_pipeline_routes(Router& r, Store& s, const ListPolicy& lists) {
    EntitySpec leads{kLeads, "/pipeline/leads", "title", "lead",
                     {{"title", K::Contains, Field::Name},
                      {"contactId", K::AnyOf, Field::ContactId},
                      {"organizationId", K::AnyOf, Field::OrganizationId},
                      {"tags", K::Tags, Field::Id},
                      {"isArchived", K::IsTrue, Field::IsArchived},
                      {"isConverted", K::IsTrue, Field::IsConverted}},
                     false, lead_hook};
    add_crud_routes(r, s, leads, lists);
    r.add("PATCH", "/pipeline/leads/{id}/archive",
          [&s](const ApiRequest&, const PathArgs& a) { return set_archived(s, a[0], true); });
    r.add("PATCH", "/pipeline/lead/{id}/archive",  // the reference's example spells it so
          [&s](const ApiRequest&, const PathArgs& a) { return set_archived(s, a[0], true); });
    r.add("PATCH", "/pipeline/leads/{id}/unarchive",
          [&s](const ApiRequest&, const PathArgs& a) { return set_archived(s, a[0], false); });
    r.add("POST", "/pipeline/leads/{id}/convert",
          [&s](const ApiRequest&, const PathArgs& a) { return convert_lead(s, a[0]); });

    EntitySpec opps{kOpportunities, "/pipeline/opportunities", "title", "opportunity",
                    {{"title", K::Contains, Field::Name},
                     {"contactId", K::AnyOf, Field::ContactId},
                     {"organizationId", K::AnyOf, Field::OrganizationId},
                     {"tags", K::Tags, Field::Id},
                     {"ownerId", K::AnyOf, Field::OwnerId},
                     {"status", K::AnyOf, Field::Status}},
                    false, opportunity_hook};
    add_crud_routes(r, s, opps, lists);
    r.add("PATCH", "/pipeline/opportunities/{id}/updateStatus",
          [&s](const ApiRequest& req, const PathArgs& a) { return update_status(s, req, a[0]); });
    r.add("PATCH", "/pipeline/opportunities/{id}/updateStage",
          [&s](const ApiRequest& req, const PathArgs& a) { return update_stage(s, req, a[0]); });

    r.add("GET", "/pipeline/pipelines/opportunities", [&s, lists](const ApiRequest& req, const PathArgs&) {
        return list_page(s, kPipelines, req, lists);
    });
    r.add("GET", "/pipeline/pipelines/opportunities/{id}", [&s](const ApiRequest&, const PathArgs& a) {
        auto text = s.get(kPipelines, a[0]);
        if (!text) throw ApiError(404, "pipeline " + a[0] + " not found");
        return item_response(*text);
    });

    add_form_routes(r, s, "/pipeline/forms/opportunities", "opportunities");
    add_form_routes(r, s, "/pipeline/forms/leads", "opportunities");  // the same form
    add_tag_routes(r, s, "/pipeline/tags/leads", "tags_leads", lists);
    add_tag_routes(r, s, "/pipeline/tags/opportunities", "tags_opportunities", lists);
    add_bulk_route(r, s, "/pipeline/bulk-actions",
                   {{"lead", kLeads}, {"leads", kLeads}, {"opportunity", kOpportunities},
                    {"opportunities", kOpportunities}});
}

}  // namespace sandbox
