// The CRM API itself, independent of HTTP: a request in, a response out. Authentication and
// fault injection sit in front of it (keys.h, faults.h, server.cpp).
#pragma once
#include "store.h"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sandbox {

struct ApiRequest {
    std::string method;  // GET, POST, PUT, PATCH, DELETE
    std::string path;    // without the query string
    std::multimap<std::string, std::string> query;
    std::string body;

    // The first value of a query parameter, if given.
    const std::string* param(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? nullptr : &it->second;
    }
};

struct ApiResponse {
    int status = 200;
    std::string body;  // JSON, or empty for 204
    std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON error body: {"statusCode":S,"message":M[,"field":F]}.
ApiResponse error_response(int status, const std::string& message, const std::string& field = {});

using PathArgs = std::vector<std::string>;  // the {id} segments of the matched route
using Handler = std::function<ApiResponse(const ApiRequest&, const PathArgs&)>;

// Routes by method and path pattern ("/pipeline/leads/{id}/archive"): no regexes, one pass.
class Router {
public:
    void add(const std::string& method, const std::string& pattern, Handler h);
    ApiResponse dispatch(const ApiRequest& req) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;  // "{}" matches any one segment
        Handler handler;
    };
    std::vector<Route> routes_;
};

// How lists answer: --list-shape and --max-page-size.
enum class ListShape {
    Items,  // exactly {"items":[...]}, all the reference documents
    Paged,  // {"items":[...],"page":P,"size":S,"total":T}
};
struct ListPolicy {
    ListShape shape = ListShape::Items;
    int64_t max_page_size = 0;  // > 0: no page holds more records, whatever `size` asks
};

class Api {
public:
    explicit Api(Store& store, const ListPolicy& lists = {});
    // Never throws: errors become JSON error responses.
    ApiResponse handle(const ApiRequest& req) const;

private:
    Router router_;
};

// Installs the default pipelines, forms and case type into an empty store.
void install_defaults(Store& store);

}  // namespace sandbox
