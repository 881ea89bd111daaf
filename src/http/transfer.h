// One attempt of one request on a libcurl easy handle. Every libcurl option crm uses — easy
// and share — is set in transfer.cpp, each through one checked setter, next to the
// mapping of libcurl's outcome to a Result. What the request is (URL, headers, body) comes
// from a Wire (wire.h) and nothing else.
#pragma once
#include "http/client.h"
#include "http/wire.h"

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

namespace crm::http {

struct ShareDeleter {
    void operator()(CURLSH* share) const { curl_share_cleanup(share); }
};
struct MultiDeleter {
    void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
using SharePtr = std::unique_ptr<CURLSH, ShareDeleter>;
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;

// The connection and DNS caches of a client: keep-alive across send() and send_many() calls.
SharePtr make_share();
MultiPtr make_multi();

class Transfer {
public:
    // `config`, `wire` and `share` must outlive the transfer. Throws std::runtime_error naming
    // the option when libcurl refuses one.
    Transfer(const ClientConfig& config, const Wire& wire, CURLSH* share);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    CURL* handle() const { return easy_; }

    // Hands the transfer to `multi`; the destructor takes it back out.
    void start(CURLM* multi);

    // The attempt's outcome once libcurl reports `code` (attempts is left for the caller).
    Result finish(CURLcode code);

private:
    void apply(CURLSH* share);  // every option, from config_ and wire_
    static size_t on_body(char* data, size_t size, size_t count, void* self);
    static size_t on_header(char* data, size_t size, size_t count, void* self);
    static int on_debug(CURL* easy, curl_infotype type, char* data, size_t size, void* self);
    void log_block(std::string_view prefix, std::string_view block) const;
    // --debug: a body (redacted, cut to kDebugBodyBytes) under a line naming it and its size.
    void log_body(std::string_view prefix, std::string_view what, std::string_view body) const;
    void log_timings() const;  // --debug: how long each phase of the attempt took
    std::string scrub(std::string_view text) const;  // the key, raw or as the URL holds it, redacted

    const ClientConfig& config_;
    const Wire& wire_;
    CURL* easy_ = nullptr;
    CURLM* multi_ = nullptr;
    curl_slist* headers_ = nullptr;
    Response response_;
    bool too_large_ = false;
    bool body_logged_ = false;  // --debug shows the request body once, when libcurl sends it
    char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace crm::http
