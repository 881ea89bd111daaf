// json and ndjson. Both stream: a record is written as soon as it arrives.
#include "render/internal.h"

#include <ostream>

namespace crm::render::detail {

namespace {

// A member name as a Value. StringRef(data, size) must not be passed to FindMember/HasMember
// directly: it converts to `const char*` and the name would be read up to the next NUL.
json::Value name(std::string_view key) {
    return json::Value(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
}

}  // namespace

// Projects a record onto --fields as nested objects: "owner.name" → {"owner":{"name":…}}.
// A missing field is written as null, so every record has the same shape for jq. When two
// fields overlap ("owner" and "owner.name") the one listed first wins.
json::Document project(const json::Value& record, const std::vector<std::string>& fields) {
    json::Document out(rapidjson::kObjectType);
    auto& allocator = out.GetAllocator();
    for (const auto& path : fields) {
        json::Value* node = &out;
        std::string_view rest = path;
        for (size_t dot = rest.find('.'); dot != std::string_view::npos && node; dot = rest.find('.')) {
            std::string_view key = rest.substr(0, dot);
            auto it = node->FindMember(name(key));
            if (it == node->MemberEnd()) {
                node->AddMember(json::str(key, allocator), json::Value(rapidjson::kObjectType), allocator);
                it = node->MemberEnd() - 1;
            }
            node = it->value.IsObject() ? &it->value : nullptr;
            rest.remove_prefix(dot + 1);
        }
        if (!node || node->HasMember(name(rest))) continue;
        const json::Value* value = json::find(record, path);
        node->AddMember(json::str(rest, allocator), value ? json::copy(*value, allocator) : json::Value(), allocator);
    }
    return out;
}

namespace {

std::string record_json(const json::Value& record, const Options& options, bool pretty) {
    if (options.fields.empty()) return json::write(record, pretty);
    return json::write(project(record, options.fields), pretty);
}

// A JSON array written piece by piece. The pretty form matches what RapidJSON's PrettyWriter
// prints for the whole array: each record on its own lines, indented by two spaces.
class JsonRenderer : public Renderer {
public:
    JsonRenderer(Options options, std::ostream& out) : options_(std::move(options)), out_(out) {}

    void begin_list() override {
        out_ << '[';
        count_ = 0;
    }

    bool takes_text() const override { return !options_.pretty && options_.fields.empty(); }
    void record_text(std::string_view compact) override {
        if (!takes_text()) return Renderer::record_text(compact);  // --fields or pretty: through the DOM
        if (count_++ > 0) out_ << ',';
        out_ << compact;
    }

    void record(const json::Value& record) override {
        std::string text = record_json(record, options_, options_.pretty);
        if (count_++ > 0) out_ << ',';
        if (options_.pretty) {
            // JSON strings escape their newlines, so every raw newline is structure.
            std::string indented = "\n  ";
            for (char c : text) {
                indented += c;
                if (c == '\n') indented += "  ";
            }
            text = std::move(indented);
        }
        out_ << text;
    }

    void end_list() override { out_ << (options_.pretty && count_ > 0 ? "\n]\n" : "]\n"); }

    void single(const json::Value& record) override { out_ << record_json(record, options_, options_.pretty) << '\n'; }

private:
    Options options_;
    std::ostream& out_;
    size_t count_ = 0;
};

// One compact record per line, never pretty: the point is one line per record.
class NdjsonRenderer : public Renderer {
public:
    NdjsonRenderer(Options options, std::ostream& out) : options_(std::move(options)), out_(out) {}

    void begin_list() override {}
    void record(const json::Value& record) override { single(record); }
    bool takes_text() const override { return options_.fields.empty(); }
    void record_text(std::string_view compact) override {
        if (!takes_text()) return Renderer::record_text(compact);  // --fields: through the DOM
        out_ << compact << '\n';
    }
    void end_list() override {}
    void single(const json::Value& record) override { out_ << record_json(record, options_, false) << '\n'; }

private:
    Options options_;
    std::ostream& out_;
};

}  // namespace

std::unique_ptr<Renderer> make_json(Options options, std::ostream& out) {
    return std::make_unique<JsonRenderer>(std::move(options), out);
}

std::unique_ptr<Renderer> make_ndjson(Options options, std::ostream& out) {
    return std::make_unique<NdjsonRenderer>(std::move(options), out);
}

}  // namespace crm::render::detail
