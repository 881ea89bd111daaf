// Test helpers: a small HTTP client bound to one sandbox and one key, answers parsed as JSON.
#pragma once
#include "support/sandbox_process.h"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

namespace sbt {

struct Reply {
    int status = 0;  // 0: no answer (connection failed or closed)
    std::string body;
    httplib::Headers headers;
    rapidjson::Document json;

    const rapidjson::Value& item() const { return json["item"]; }
    const rapidjson::Value& items() const { return json["items"]; }
    std::string str(const char* field) const {  // item.<field> as a string
        const auto& it = json["item"];
        auto m = it.FindMember(field);
        return m != it.MemberEnd() && m->value.IsString() ? m->value.GetString() : std::string();
    }
    std::string id() const { return str("id"); }
    int64_t total() const { return json["total"].GetInt64(); }  // --list-shape paged only
    int64_t count() const { return items().Size(); }           // records on this page
};

inline std::string dump(const rapidjson::Value& v) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    return b.GetString();
}

class Http {
public:
    Http(const crmtest::SandboxProcess& sb, std::string key, bool key_in_query = false)
        : cli_(sb.base_url()), key_(std::move(key)), in_query_(key_in_query) {
        cli_.set_connection_timeout(5);
        cli_.set_read_timeout(20);
    }
    explicit Http(const crmtest::SandboxProcess& sb) : Http(sb, sb.api_key()) {}

    Reply get(const std::string& path) { return send("GET", path, ""); }
    Reply post(const std::string& path, const std::string& body = "{}") { return send("POST", path, body); }
    Reply patch(const std::string& path, const std::string& body = "{}") { return send("PATCH", path, body); }
    Reply put(const std::string& path, const std::string& body) { return send("PUT", path, body); }
    Reply del(const std::string& path) { return send("DELETE", path, ""); }

    Reply send(const std::string& method, std::string path, const std::string& body) {
        httplib::Headers h;
        if (!key_.empty()) {
            if (in_query_) {
                path += path.find('?') == std::string::npos ? '?' : '&';
                path += "subscription-key=";
                path += key_;
            }
            else h.emplace("Ocp-Apim-Subscription-Key", key_);
        }
        httplib::Result r = [&] {
            if (method == "GET") return cli_.Get(path, h);
            if (method == "POST") return cli_.Post(path, h, body, "application/json");
            if (method == "PATCH") return cli_.Patch(path, h, body, "application/json");
            if (method == "PUT") return cli_.Put(path, h, body, "application/json");
            return cli_.Delete(path, h);
        }();
        Reply out;
        if (!r) return out;
        out.status = r->status;
        out.body = r->body;
        out.headers = r->headers;
        if (!out.body.empty()) out.json.Parse(out.body.c_str());
        return out;
    }

private:
    httplib::Client cli_;
    std::string key_;
    bool in_query_;
};

}  // namespace sbt
