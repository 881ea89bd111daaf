// The three forms (opportunities — shared with leads —, contacts, organizations): GET and PUT.
// GET answers {"item": form, "items": form.fields}: the reference lists "items: Field[]" for
// GET and "item" for PUT, so both shapes are there for a client to use.
#include "api_error.h"
#include "routes.h"

namespace sandbox {

void add_form_routes(Router& r, Store& s, const std::string& path, const std::string& form_id) {
    r.add("GET", path, [&s, form_id](const ApiRequest&, const PathArgs&) {
        auto text = s.get(kForms, form_id);
        if (!text) throw ApiError(404, "form " + form_id + " not found");
        Document form = parse_stored(*text);
        const Value* fields = member(form, "fields");
        ApiResponse res;
        res.body = "{\"item\":" + *text + ",\"items\":" + (fields ? to_json(*fields) : "[]") + "}";
        return res;
    });
    r.add("PUT", path, [&s, form_id](const ApiRequest& req, const PathArgs&) {
        Document body = parse_body(req.body);
        const Value* fields = member(body, "fields");
        if (!fields || fields->IsNull()) throw bad_request("fields", "fields is required");
        if (!fields->IsArray()) throw bad_request("fields", "fields must be an array");
        for (const auto& f : fields->GetArray()) {
            if (!f.IsObject()) throw bad_request("fields", "each of fields must be an object");
            if (!get_string(f, "id")) throw bad_request("fields.id", "each field needs an id (a string)");
            if (!get_string(f, "label")) throw bad_request("fields.label", "each field needs a label (a string)");
        }
        check_field_types(body);
        std::string json;
        s.atomically([&] {
            Document form = load_or_404(s, kForms, form_id, "form");
            Document before;
            before.CopyFrom(form, before.GetAllocator());
            // PUT replaces the form; the server keeps its id and creation time.
            form.SetObject();
            auto& a = form.GetAllocator();
            form.AddMember("id", Value(form_id, a), a);
            for (const auto& m : body.GetObject()) {
                std::string_view n(m.name.GetString(), m.name.GetStringLength());
                if (n == "id" || n == "createdAt" || n == "createdOn" || n == "updatedAt") continue;
                form.AddMember(Value(m.name, a), Value(m.value, a), a);
            }
            for (const char* f : {"entity", "createdAt", "createdOn"})
                if (!member(form, f))
                    if (const Value* v = member(before, f)) form.AddMember(Value(f, a), Value(*v, a), a);
            json = save(s, kForms, form);
        });
        return item_response(json);
    });
}

}  // namespace sandbox
