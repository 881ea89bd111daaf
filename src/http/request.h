// What the API layer builds and the HTTP client sends: plain data, no I/O.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::http {

using Query = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "GET";
    std::string path;                  // relative to the base URL, starts with '/'
    Query query;                       // sent in this order, percent-encoded by the client
    std::optional<std::string> body;   // JSON text; sets Content-Type: application/json
    // Overrides the method's idempotency for retries: a bulk delete is a POST whose repeat is
    // harmless (already deleted ids come back as not found).
    std::optional<bool> idempotent;
};

struct Response {
    long status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // names as received
    // The wait a Retry-After header asks for (delta-seconds or an HTTP-date, read by libcurl:
    // CURLINFO_RETRY_AFTER), when it asks for one: absent, unreadable or "now" leave it empty.
    std::optional<std::chrono::seconds> retry_after;
    // Case-insensitive lookup of the last header with this name.
    std::optional<std::string> header(std::string_view name) const;
};

enum class Failure {
    none,       // a response arrived (whatever its status)
    connect,    // could not connect / resolve
    timeout,    // connect, total or low-speed timeout
    dropped,    // connection closed or reset after the request was sent, no answer
    tls,
    too_large,  // response exceeded the size cap
    aborted,    // interrupted (SIGINT, SIGTERM)
    not_sent,   // never sent: the caller stopped the run (Client::stop_sending)
    other,
};

struct Result {
    Failure failure = Failure::none;
    std::string error;       // human text for a transport failure (never holds the key)
    Response response;       // valid when failure == none
    int attempts = 0;        // 1 + retries actually made
    bool request_sent = false;  // some bytes of the request reached the server (last attempt)
    bool ok() const { return failure == Failure::none; }
};

std::string_view failure_name(Failure failure);

// RFC 3986: every byte but the unreserved set (ALPHA DIGIT - . _ ~) becomes %XX. For query
// values, and for opaque ids placed in a Request's path.
std::string percent_encode(std::string_view text);

// The reverse (libcurl's curl_easy_unescape): every %XX becomes its byte, anything else stays
// as it is. With plus_is_space, a '+' is a space first, as in a query string ("a+b%2B" → "a b+").
std::string percent_decode(std::string_view text, bool plus_is_space = false);

}  // namespace crm::http
