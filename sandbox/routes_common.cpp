// Generic routes: list/create/get/update/delete of an entity, tags, bulk actions.
#include "api_error.h"
#include "clock.h"
#include "routes.h"

#include <fmt/format.h>

namespace sandbox {

ApiResponse item_response(const std::string& record_json, int status) {
    ApiResponse r;
    r.status = status;
    r.body.reserve(record_json.size() + 10);
    r.body = "{\"item\":" + record_json + "}";
    return r;
}

ApiResponse list_page(Store& store, const std::string& coll, const ApiRequest& req, const ListPolicy& lists,
                      const std::vector<FilterSpec>& filters, bool allow_offset) {
    PageRequest pr = parse_list_query(req, filters, allow_offset, lists.max_page_size);
    const bool paged = lists.shape == ListShape::Paged;
    pr.query.count_total = paged;  // the items shape has no total: spare the count
    ApiResponse r;
    r.body = "{\"items\":[";
    ListResult res = store.list(coll, pr.query, r.body);
    r.body += ']';
    // size: the page size served, which --max-page-size may have made smaller than asked.
    if (paged) r.body += fmt::format(",\"page\":{},\"size\":{},\"total\":{}", pr.page, pr.size, res.total);
    r.body += '}';
    return r;
}

ApiResponse no_content() {
    ApiResponse r;
    r.status = 204;
    return r;
}

Document load_or_404(Store& store, const std::string& coll, const std::string& id, const std::string& word) {
    auto text = store.get(coll, id);
    if (!text) throw ApiError(404, word + " " + id + " not found");
    return parse_stored(*text);
}

std::string save(Store& store, const std::string& coll, Document& rec) {
    set_string(rec, "updatedAt", now_iso(), rec.GetAllocator());
    std::string json = to_json(rec);
    store.put(coll, *get_string(rec, "id"), json);
    return json;
}

Document new_record(Store& store, const std::string& coll, const Value& body) {
    Document out;
    out.SetObject();
    auto& a = out.GetAllocator();
    out.AddMember("id", Value(store.next_id(coll), a), a);  // the id first: readable records
    for (const auto& m : body.GetObject()) {
        std::string_view name(m.name.GetString(), m.name.GetStringLength());
        if (name == "id" || name == "createdAt" || name == "createdOn" || name == "updatedAt") continue;
        out.AddMember(Value(m.name, a), Value(m.value, a), a);
    }
    std::string now = now_iso();
    set_string(out, "createdAt", now, a);
    set_string(out, "createdOn", now, a);
    set_string(out, "updatedAt", now, a);
    return out;
}

void apply_patch(Document& rec, const Value& patch) {
    auto& a = rec.GetAllocator();
    for (const auto& m : patch.GetObject()) {
        std::string_view name(m.name.GetString(), m.name.GetStringLength());
        if (name == "id" || name == "createdAt" || name == "createdOn" || name == "updatedAt") continue;
        Value v(m.value, a);
        auto it = rec.FindMember(m.name);
        if (it != rec.MemberEnd()) it->value = std::move(v);
        else rec.AddMember(Value(m.name, a), std::move(v), a);
    }
}

void add_crud_routes(Router& r, Store& s, const EntitySpec& spec, const ListPolicy& lists) {
    const std::string one = spec.base + "/{id}";
    r.add("GET", spec.base, [&s, spec, lists](const ApiRequest& req, const PathArgs&) {
        return list_page(s, spec.coll, req, lists, spec.filters, spec.allow_offset);
    });
    r.add("POST", spec.base, [&s, spec](const ApiRequest& req, const PathArgs&) {
        Document body = parse_body(req.body);
        if (!spec.required.empty()) require_string(body, spec.required.c_str());
        check_field_types(body);
        std::string json;
        s.atomically([&] {
            Document rec = new_record(s, spec.coll, body);
            if (spec.hook) spec.hook(s, rec, body, nullptr);
            json = save(s, spec.coll, rec);
        });
        return item_response(json, 201);
    });
    r.add("GET", one, [&s, spec](const ApiRequest&, const PathArgs& args) {
        auto text = s.get(spec.coll, args[0]);
        if (!text) throw ApiError(404, spec.word + " " + args[0] + " not found");
        return item_response(*text);
    });
    r.add("PATCH", one, [&s, spec](const ApiRequest& req, const PathArgs& args) {
        Document body = parse_body(req.body);
        if (!spec.required.empty() && body.HasMember(spec.required.c_str()))
            require_string(body, spec.required.c_str());
        check_field_types(body);
        std::string json;
        s.atomically([&] {
            Document rec = load_or_404(s, spec.coll, args[0], spec.word);
            Document before;
            before.CopyFrom(rec, before.GetAllocator());
            apply_patch(rec, body);
            if (spec.hook) spec.hook(s, rec, body, &before);
            json = save(s, spec.coll, rec);
        });
        return item_response(json);
    });
    r.add("DELETE", one, [&s, spec](const ApiRequest&, const PathArgs& args) {
        if (!s.remove(spec.coll, args[0])) throw ApiError(404, spec.word + " " + args[0] + " not found");
        return no_content();
    });
}

void add_tag_routes(Router& r, Store& s, const std::string& path, const std::string& coll,
                    const ListPolicy& lists) {
    EntitySpec spec{coll, path, "label", "tag", {}, false, nullptr};
    add_crud_routes(r, s, spec, lists);
}

void add_bulk_route(Router& r, Store& s, const std::string& path, std::map<std::string, std::string> entities) {
    r.add("POST", path, [&s, entities](const ApiRequest& req, const PathArgs&) {
        Document body = parse_body(req.body);
        require_string(body, "entity");
        require_string(body, "action");
        std::string entity = *get_string(body, "entity");
        std::string action = *get_string(body, "action");
        auto coll = entities.find(entity);
        if (coll == entities.end()) {
            std::string allowed;
            for (const auto& [w, c] : entities) allowed += (allowed.empty() ? "" : ", ") + w;
            throw bad_request("entity", "entity must be one of: " + allowed);
        }
        if (action != "delete") throw bad_request("action", "action must be delete (the only bulk action)");
        const Value* ids = member(body, "ids");
        if (!ids) throw bad_request("ids", "ids is required");
        if (!ids->IsArray()) throw bad_request("ids", "ids must be an array of strings");
        if (ids->Size() < 1 || ids->Size() > 1000) throw bad_request("ids", "ids must hold 1 to 1000 ids");
        std::vector<std::string> list;
        for (const auto& v : ids->GetArray()) {
            if (v.IsString()) list.emplace_back(v.GetString(), v.GetStringLength());
            else if (v.IsInt64()) list.push_back(std::to_string(v.GetInt64()));
            else throw bad_request("ids", "ids must be an array of strings");
        }
        Document out;
        out.SetObject();
        auto& a = out.GetAllocator();
        Value deleted(rapidjson::kArrayType), missing(rapidjson::kArrayType);
        s.atomically([&] {
            for (const auto& id : list) {
                if (s.remove(coll->second, id)) deleted.PushBack(Value(id, a), a);
                else missing.PushBack(Value(id, a), a);
            }
        });
        out.AddMember("entity", Value(entity, a), a);
        out.AddMember("action", Value(action, a), a);
        out.AddMember("deleted", deleted, a);
        out.AddMember("notFound", missing, a);
        return item_response(to_json(out));
    });
}

}  // namespace sandbox
