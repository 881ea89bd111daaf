// One attempt of one request on a libcurl easy handle. Every libcurl option crm uses — easy,
// share and multi — is set in transfer.cpp, next to the mapping of libcurl's outcome to a
// Result, so there is one place to compare with curl_command() and to audit for the key.
#pragma once
#include "http/client.h"

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
    // `config`, `request` and `share` must outlive the transfer.
    Transfer(const ClientConfig& config, const Request& request, CURLSH* share);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    CURL* handle() const { return easy_; }

    // Hands the transfer to `multi`; the destructor takes it back out.
    void start(CURLM* multi);

    // The attempt's outcome once libcurl reports `code` (attempts is left for the caller).
    Result finish(CURLcode code);

private:
    static size_t on_body(char* data, size_t size, size_t count, void* self);
    static size_t on_header(char* data, size_t size, size_t count, void* self);
    static int on_debug(CURL* easy, curl_infotype type, char* data, size_t size, void* self);
    void log_block(std::string_view prefix, std::string_view block) const;
    std::string scrub(std::string_view text) const;  // the key, raw or percent-encoded, redacted

    const ClientConfig& config_;
    CURL* easy_ = nullptr;
    CURLM* multi_ = nullptr;
    curl_slist* headers_ = nullptr;
    std::string url_;
    std::string encoded_key_;
    Response response_;
    bool too_large_ = false;
    char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace crm::http
