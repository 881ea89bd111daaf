#include "http/transfer.h"

#include "http/retry.h"
#include "http/url.h"

#include <cmath>
#include <stdexcept>

namespace crm::http {
namespace {

long to_ms(double seconds) { return seconds > 0 ? std::lround(seconds * 1000) : 0; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

Failure failure_of(CURLcode code) {
    switch (code) {
        case CURLE_OK: return Failure::none;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT: return Failure::connect;
        case CURLE_OPERATION_TIMEDOUT: return Failure::timeout;
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_PARTIAL_FILE: return Failure::dropped;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE: return Failure::tls;
        case CURLE_FILESIZE_EXCEEDED: return Failure::too_large;
        case CURLE_ABORTED_BY_CALLBACK: return Failure::aborted;
        default: return Failure::other;
    }
}

}  // namespace

SharePtr make_share() {
    SharePtr share(curl_share_init());
    if (!share) throw std::runtime_error("curl_share_init failed");
    curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return share;
}

MultiPtr make_multi() {
    MultiPtr multi(curl_multi_init());
    if (!multi) throw std::runtime_error("curl_multi_init failed");
    return multi;
}

Transfer::Transfer(const ClientConfig& config, const Request& request, CURLSH* share)
    : config_(config), easy_(curl_easy_init()), url_(request_url(config, request)),
      encoded_key_(percent_encode(config.api_key)) {
    if (!easy_) throw std::runtime_error("curl_easy_init failed");
    CURL* e = easy_;
    curl_easy_setopt(e, CURLOPT_PRIVATE, this);
    curl_easy_setopt(e, CURLOPT_SHARE, share);
    curl_easy_setopt(e, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error_);
    // Signals are the CLI's business, and libcurl's alarm()-based DNS timeout is not thread-safe.
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    // Redirects are never followed: libcurl would resend our custom key header to whatever
    // origin the Location names (CURLOPT_UNRESTRICTED_AUTH only covers Authorization). A 3xx
    // reaches the caller as a response like any other status.
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);

    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, to_ms(config.connect_timeout_s));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, to_ms(config.timeout_s));
    if (config.timeout_s > 0) {
        // A stalled server (connection open, nothing flowing) fails like a timeout, not a hang.
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, std::max(1L, std::lround(std::ceil(config.timeout_s))));
    }
    // Stops early when the Content-Length is known; on_body enforces it when it is not.
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(config.max_response_bytes));

    if (!config.user_agent.empty()) curl_easy_setopt(e, CURLOPT_USERAGENT, config.user_agent.c_str());
    headers_ = curl_slist_append(headers_, "Accept: application/json");
    // Without this, libcurl waits up to a second for a "100 Continue" before large bodies.
    headers_ = curl_slist_append(headers_, "Expect:");
    // With no body, "Content-Type:" stops libcurl from labelling an empty POST as a form.
    headers_ = curl_slist_append(headers_, request.body ? "Content-Type: application/json" : "Content-Type:");
    if (config.auth == AuthMode::header && !config.api_key.empty()) {
        headers_ = curl_slist_append(headers_, (std::string(kKeyHeader) + ": " + config.api_key).c_str());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_);

    if (request.method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (request.body || request.method == "POST") {
            // A bodiless POST still says "Content-Length: 0", as proxies expect.
            const std::string_view body = request.body ? std::string_view(*request.body) : std::string_view();
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
        }
    }

    // On a reused connection that dies without an answer, libcurl resends the request by
    // itself, POST and PATCH included, and the server may already have carried it out (a
    // create made twice). A request that must not repeat gets a connection of its own, where
    // libcurl never resends; idempotent ones keep the pool.
    if (!is_idempotent(request)) curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);

    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    if (config.log) {
        curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
        curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &Transfer::on_debug);
        curl_easy_setopt(e, CURLOPT_DEBUGDATA, this);
    }
}

void Transfer::start(CURLM* multi) {
    if (curl_multi_add_handle(multi, easy_) != CURLM_OK) throw std::runtime_error("curl_multi_add_handle failed");
    multi_ = multi;
}

Transfer::~Transfer() {
    if (multi_) curl_multi_remove_handle(multi_, easy_);
    curl_easy_cleanup(easy_);
    curl_slist_free_all(headers_);
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const size_t n = size * count;
    if (t.response_.body.size() + n > t.config_.max_response_bytes) {
        t.too_large_ = true;
        return 0;  // anything but n makes libcurl stop with CURLE_WRITE_ERROR
    }
    t.response_.body.append(data, n);
    return n;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const size_t n = size * count;
    const std::string_view line = trim(std::string_view(data, n));
    if (line.starts_with("HTTP/")) {
        t.response_.headers.clear();  // a new response (after a 1xx): keep only the final one's
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        t.response_.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    return n;
}

int Transfer::on_debug(CURL*, curl_infotype type, char* data, size_t size, void* self) {
    const auto& t = *static_cast<const Transfer*>(self);
    const std::string_view text(data, size);
    // Bodies and libcurl's own chatter stay out: --verbose shows what went over the wire.
    if (type == CURLINFO_HEADER_OUT) t.log_block("> ", text);
    else if (type == CURLINFO_HEADER_IN) t.log_block("< ", text);
    return 0;
}

void Transfer::log_block(std::string_view prefix, std::string_view block) const {
    while (!block.empty()) {
        const size_t end = block.find('\n');
        const std::string_view line = trim(block.substr(0, end));
        if (!line.empty()) config_.log(scrub(std::string(prefix) + std::string(line)));
        if (end == std::string_view::npos) break;
        block.remove_prefix(end + 1);
    }
}

std::string Transfer::scrub(std::string_view text) const {
    std::string out = redact(text, config_.api_key);
    if (encoded_key_ != config_.api_key) out = redact(out, encoded_key_);
    return out;
}

Result Transfer::finish(CURLcode code) {
    Result result;
    long request_bytes = 0;
    curl_easy_getinfo(easy_, CURLINFO_REQUEST_SIZE, &request_bytes);
    result.request_sent = request_bytes > 0;

    result.failure = too_large_ ? Failure::too_large : failure_of(code);
    if (result.failure == Failure::none) {
        curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &response_.status);
        // libcurl reads Retry-After as delta-seconds or an HTTP-date; 0 when absent or unreadable,
        // and (before 8.12) negative for a date in the past.
        curl_off_t wait = 0;
        if (curl_easy_getinfo(easy_, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK && wait > 0) {
            response_.retry_after = std::chrono::seconds(wait);
        }
        result.response = std::move(response_);
    } else if (result.failure == Failure::too_large) {
        result.error = "response larger than " + std::to_string(config_.max_response_bytes) + " bytes";
    } else {
        result.error = scrub(error_[0] != '\0' ? error_ : curl_easy_strerror(code));
    }
    return result;
}

}  // namespace crm::http
