#include "api.h"

#include "api_error.h"
#include "json_util.h"

#include <fmt/format.h>

namespace sandbox {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        if (j > i) out.push_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

}  // namespace

ApiResponse error_response(int status, const std::string& message, const std::string& field) {
    ApiResponse r;
    r.status = status;
    r.body = fmt::format("{{\"statusCode\":{},\"message\":{}", status, json_quote(message));
    if (!field.empty()) r.body += ",\"field\":" + json_quote(field);
    r.body += "}";
    return r;
}

void Router::add(const std::string& method, const std::string& pattern, Handler h) {
    auto segs = split_path(pattern);
    for (auto& s : segs)
        if (!s.empty() && s.front() == '{') s = "{}";
    routes_.push_back({method, std::move(segs), std::move(h)});
}

ApiResponse Router::dispatch(const ApiRequest& req) const {
    const auto segs = split_path(req.path);
    bool path_matched = false;
    for (const auto& route : routes_) {
        if (route.segments.size() != segs.size()) continue;
        PathArgs args;
        bool ok = true;
        for (size_t i = 0; i < segs.size() && ok; ++i) {
            if (route.segments[i] == "{}") args.push_back(segs[i]);
            else ok = route.segments[i] == segs[i];
        }
        if (!ok) continue;
        path_matched = true;
        if (route.method == req.method) return route.handler(req, args);
    }
    if (path_matched) {
        auto r = error_response(405, "method " + req.method + " is not allowed on " + req.path);
        return r;
    }
    return error_response(404, "Resource not found: " + req.method + " " + req.path);
}

ApiResponse Api::handle(const ApiRequest& req) const {
    try {
        return router_.dispatch(req);
    } catch (const ApiError& e) {
        return error_response(e.status, e.what(), e.field);
    } catch (const std::exception& e) {
        return error_response(500, std::string("internal error: ") + e.what());
    }
}

}  // namespace sandbox
