// /directory: contacts and organizations (+merge), their forms and tags, bulk actions.
#include "api_error.h"
#include "routes.h"

#include <set>

namespace sandbox {
namespace {

using K = Condition::Kind;

std::string entry_value(const Value& e) {
    if (e.IsString()) return ascii_lower({e.GetString(), e.GetStringLength()});
    if (auto v = get_string(e, "value")) return ascii_lower(*v);
    return to_json(e);
}

// Appends the entries of src[field] to dst[field] whose value dst does not hold yet.
void merge_list(Document& dst, const Value& src, const char* field) {
    const Value* from = member(src, field);
    if (!from || from->IsNull()) return;
    auto& a = dst.GetAllocator();
    Value* to = nullptr;
    if (auto it = dst.FindMember(field); it != dst.MemberEnd()) to = &it->value;
    if (!to || to->IsNull()) {
        set_member(dst, field, Value(rapidjson::kArrayType), a);
        to = &dst.FindMember(field)->value;
    } else if (to->IsString()) {  // a plain string becomes a one-element list
        Value one(rapidjson::kArrayType);
        one.PushBack(Value(*to, a), a);
        *to = std::move(one);
    }
    if (!to->IsArray()) return;
    std::set<std::string> have;
    for (const auto& e : to->GetArray()) have.insert(entry_value(e));
    auto add = [&](const Value& e) {
        if (have.insert(entry_value(e)).second) to->PushBack(Value(e, a), a);
    };
    if (from->IsArray()) {
        for (const auto& e : from->GetArray()) add(e);
    } else if (from->IsString()) {
        add(*from);
    }
}

// Records of coll that point at one of sources through field/idField (or nested.id) now point
// at target.
void repoint(Store& s, const char* coll, Field field, const char* id_field, const char* nested,
             const std::vector<std::string>& sources, const std::string& target) {
    for (const auto& id : s.find_ids(coll, field, sources)) {
        Document rec = parse_stored(*s.get(coll, id));
        auto& a = rec.GetAllocator();
        if (member(rec, id_field)) set_string(rec, id_field, target, a);
        if (auto it = rec.FindMember(nested); it != rec.MemberEnd() && it->value.IsObject())
            set_string(it->value, "id", target, a);
        save(s, coll, rec);
    }
}

ApiResponse merge(Store& s, const ApiRequest& req, const std::string& target_id, bool contacts) {
    const char* coll = contacts ? kContacts : kOrganizations;
    const std::string word = contacts ? "contact" : "organization";
    Document body = parse_body(req.body);
    const Value* src = member(body, "sourceId");
    if (!src || src->IsNull()) throw bad_request("sourceId", "sourceId is required");
    std::vector<std::string> sources;
    if (src->IsString()) sources.emplace_back(src->GetString(), src->GetStringLength());
    else if (src->IsArray()) {
        for (const auto& v : src->GetArray()) {
            if (!v.IsString()) throw bad_request("sourceId", "sourceId must be an array of ids (strings)");
            sources.emplace_back(v.GetString(), v.GetStringLength());
        }
    } else {
        throw bad_request("sourceId", "sourceId must be an array of ids (strings)");
    }
    if (sources.empty()) throw bad_request("sourceId", "sourceId must name at least one " + word);
    for (const auto& id : sources)
        if (id == target_id) throw bad_request("sourceId", "a " + word + " cannot be merged into itself");
    check_field_types(body);

    std::string json;
    s.atomically([&] {
        Document target = load_or_404(s, coll, target_id, word);
        for (const auto& id : sources) {
            Document source = load_or_404(s, coll, id, word);
            merge_list(target, source, "email");
            merge_list(target, source, "phone");
        }
        if (const Value* by = member(body, "lastUpdatedBy"))
            set_member(target, "lastUpdatedBy", Value(*by, target.GetAllocator()), target.GetAllocator());
        for (const auto& id : sources) s.remove(coll, id);
        const Field f = contacts ? Field::ContactId : Field::OrganizationId;
        const char* id_field = contacts ? "contactId" : "organizationId";
        const char* nested = contacts ? "contact" : "organization";
        for (const char* other : {kLeads, kOpportunities, kCases})
            repoint(s, other, f, id_field, nested, sources, target_id);
        if (!contacts) repoint(s, kContacts, f, id_field, nested, sources, target_id);
        json = save(s, coll, target);
    });
    return item_response(json);
}

}  // namespace

void add_directory_routes(Router& r, Store& s, const ListPolicy& lists) {
    EntitySpec contacts{kContacts, "/directory/contacts", "name", "contact",
                        {{"ids", K::AnyOf, Field::Id},
                         {"name", K::Contains, Field::Name},
                         {"email", K::Contains, Field::Email},
                         {"phone", K::Contains, Field::Phone},
                         {"tags", K::Tags, Field::Id},
                         {"organizationId", K::AnyOf, Field::OrganizationId},
                         {"searchValue", K::Search, Field::Name}},
                        false, nullptr};
    add_crud_routes(r, s, contacts, lists);
    r.add("POST", "/directory/contacts/{id}/merge",
          [&s](const ApiRequest& req, const PathArgs& a) { return merge(s, req, a[0], true); });

    EntitySpec orgs{kOrganizations, "/directory/organizations", "name", "organization",
                    {{"ids", K::AnyOf, Field::Id},
                     {"name", K::Contains, Field::Name},
                     {"address", K::Contains, Field::Address},
                     {"tags", K::Tags, Field::Id}},
                    false, nullptr};
    add_crud_routes(r, s, orgs, lists);
    r.add("POST", "/directory/organizations/{id}/merge",
          [&s](const ApiRequest& req, const PathArgs& a) { return merge(s, req, a[0], false); });

    add_form_routes(r, s, "/directory/forms/contacts", "contacts");
    add_form_routes(r, s, "/directory/forms/organizations", "organizations");
    add_tag_routes(r, s, "/directory/tags/contacts", "tags_contacts", lists);
    add_tag_routes(r, s, "/directory/tags/organizations", "tags_organizations", lists);
    add_bulk_route(r, s, "/directory/bulk-actions",
                   {{"contact", kContacts}, {"contacts", kContacts}, {"organization", kOrganizations},
                    {"organizations", kOrganizations}});
}

}  // namespace sandbox
