// The one HTTP client of crm (libcurl). What a request puts on the wire is decided in wire.cpp
// (prepare); transfer.cpp applies it to libcurl, and --dry-run prints it (as_curl).
#pragma once
#include "http/request.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace crm::http {

enum class AuthMode { header, query };

inline constexpr const char* kKeyHeader = "Ocp-Apim-Subscription-Key";
inline constexpr const char* kKeyQuery = "subscription-key";

struct ClientConfig {
    std::string base_url;         // e.g. https://api.example.com or http://127.0.0.1:PORT
    std::string api_key;          // empty in a dry run, which never resolves it (see wire.h)
    AuthMode auth = AuthMode::header;
    double timeout_s = 30;        // total per attempt
    double connect_timeout_s = 10;
    int retries = 3;              // extra attempts after the first
    double rate = 0;              // max requests per second, 0 = unlimited
    size_t max_response_bytes = size_t{512} << 20;
    double max_retry_after_s = 60;   // a server's Retry-After is capped at this
    int retry_budget = 100;       // retries allowed over the client's lifetime, plus …
    double retry_budget_ratio = 0.2;  // … this many more for every request sent (a first attempt)
    std::string user_agent;       // "crm/<version>"
    // TLS (CLI.md §14). ca_file: a CA bundle (PEM) that replaces the system's, for a private CA
    // or a TLS-inspecting proxy; empty: libcurl's default. insecure: no certificate or host
    // name check at all (--insecure; the CLI refuses it off a terminal and always warns).
    // Proxies are libcurl's own: HTTPS_PROXY, https_proxy, http_proxy, NO_PROXY are honoured
    // because no proxy option is ever set.
    std::string ca_file;
    bool insecure = false;
    // Receives --verbose lines (request line, headers, status, retries), key already redacted.
    // Null: nothing is logged.
    std::function<void(std::string_view)> log;
    // --debug, with `log`: also the request and response bodies (the first kDebugBodyBytes,
    // key redacted) and the time of each phase of every attempt.
    bool debug = false;
};

// The most of a body that --debug shows; the rest is counted, not printed.
inline constexpr size_t kDebugBodyBytes = 4096;

class Client {
public:
    virtual ~Client() = default;

    // One request with the retry policy. Never throws for HTTP or transport failures.
    virtual Result send(const Request& request) = 0;

    // Many requests, at most `parallel` in flight (libcurl multi, one connection pool).
    // `on_done(index, result)` is called on the calling thread as each finishes (after its
    // retries). A 429 with Retry-After pauses every transfer, not just the one that got it.
    virtual void send_many(const std::vector<Request>& requests, int parallel,
                           const std::function<void(size_t, Result&&)>& on_done) = 0;

    // Requests pulled from `next` whenever fewer than `parallel` are in flight, until it returns
    // nullopt while nothing is in flight or waiting to be retried (it is asked again after each
    // completion, so it may return nullopt for now and a request later). `on_done(index, result)`
    // as in send_many, index counting the pulled requests from 0, in completion order. A page
    // walk keeps a window of pages in flight this way while it renders the earlier ones.
    virtual void send_stream(const std::function<std::optional<Request>()>& next, int parallel,
                             const std::function<void(size_t, Result&&)>& on_done) = 0;
    // Called from on_done: start nothing more in this send_many or send_stream. Transfers in flight finish
    // (their outcome must be known); the rest end as Failure::not_sent. A 401 or 403 makes
    // every later request fail the same way (CLI.md §5).
    virtual void stop_sending() = 0;
};

std::unique_ptr<Client> make_client(ClientConfig config);

// "Ocp-Apim-Subscription-Key: ****abcd": the last four characters at most, and none at all
// for keys shorter than 12.
std::string redact_key(std::string_view key);

// Replaces every occurrence of `key` in `text` by its redacted form.
std::string redact(std::string_view text, std::string_view key);

// What --debug prints of a body: at most `limit` bytes, cut before a UTF-8 character. Redact
// first: a key cut in two would no longer be found.
std::string_view body_excerpt(std::string_view body, size_t limit = kDebugBodyBytes);

}  // namespace crm::http
