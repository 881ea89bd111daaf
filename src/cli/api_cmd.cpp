#include "cli/api_cmd.h"

#include "api/requests.h"
#include "cli/entities.h"
#include "cli/integers.h"
#include "errors.h"
#include "http/request.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace crm::cli {

http::Request parse_api_path(const std::string& path_and_query) {
    http::Request request;
    size_t q = path_and_query.find('?');
    request.path = path_and_query.substr(0, q);
    if (request.path.empty() || request.path[0] != '/') request.path = "/" + request.path;
    if (q == std::string::npos) return request;
    std::string_view rest = std::string_view(path_and_query).substr(q + 1);
    while (!rest.empty()) {
        size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        size_t eq = pair.find('=');
        if (!pair.empty()) {
            request.query.emplace_back(http::percent_decode(pair.substr(0, eq), true),
                                       eq == std::string_view::npos ? "" : http::percent_decode(pair.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return request;
}

http::Request api_request(const ApiOptions& o, std::optional<std::string> body) {
    http::Request request = parse_api_path(o.path);
    for (const auto& kv : o.query) {
        size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("-q expects KEY=VALUE, got '{}'", kv));
        request.query.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    request.body = std::move(body);
    std::string method = o.method.value_or(request.body ? "POST" : "GET");
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
    request.method = method;
    return request;
}

void run_api(Context& ctx, const ApiOptions& o) {
    std::optional<std::string> body;
    if (!o.body.empty()) body = json::write(make_body(ctx, o.body, std::nullopt));
    http::Request request = api_request(o, std::move(body));

    if (o.paginate) {
        if (request.method != "GET") throw UsageError("--paginate only works with GET");
        // page and size move from the query into the paging, which sets them on every page.
        Paging paging{.all = true};
        http::Query rest;
        for (auto& [key, value] : request.query) {
            if (key == "page") {
                paging.page = static_cast<int>(checked_integer("page", value, 1, std::numeric_limits<int>::max()));
            } else if (key == "size") {
                paging.size = static_cast<int>(checked_integer("size", value, 1, api::kMaxPageSize));
            } else {
                rest.emplace_back(std::move(key), std::move(value));
            }
        }
        request.query = std::move(rest);
        auto make = [&](int page, std::optional<int> size) {
            auto r = request;
            r.query.emplace_back("page", std::to_string(page));
            if (size) r.query.emplace_back("size", std::to_string(*size));
            return r;
        };
        stream_pages(ctx, make, paging, {});
        return;
    }

    auto doc = ctx.call(request);
    if (!doc) return;
    if (ctx.globals().jq) {  // on the whole response, as `gh api --jq`; an empty body is no input
        if (!doc->IsNull()) ctx.renderer({})->single(*doc);
        return;
    }
    if (ctx.globals().raw || doc->IsNull()) {
        ctx.io().out() << ctx.last_body();
        if (!ctx.last_body().empty() && ctx.last_body().back() != '\n') ctx.io().out() << '\n';
        return;
    }
    ctx.io().out() << json::write(*doc, ctx.io().stdout_tty()) << '\n';
}

}  // namespace crm::cli
