#include "http/transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <new>
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

// The one way an option reaches libcurl: a refusal (unknown option, bad value, out of memory)
// is an exception naming the option, never a request sent without it.
template <typename Value>
void set(CURL* easy, CURLoption option, Value value) {
    if (const CURLcode rc = curl_easy_setopt(easy, option, value); rc != CURLE_OK) {
        const curl_easyoption* known = curl_easy_option_by_id(option);
        const std::string name = known ? std::string("CURLOPT_") + known->name : "option " + std::to_string(option);
        throw std::runtime_error("curl_easy_setopt(" + name + ") failed: " + curl_easy_strerror(rc));
    }
}

void share(CURLSH* handle, curl_lock_data data, const char* name) {
    if (const CURLSHcode rc = curl_share_setopt(handle, CURLSHOPT_SHARE, data); rc != CURLSHE_OK) {
        throw std::runtime_error(std::string("curl_share_setopt(CURLSHOPT_SHARE, ") + name + ") failed: " +
                                 curl_share_strerror(rc));
    }
}

}  // namespace

SharePtr make_share() {
    SharePtr handle(curl_share_init());
    if (!handle) throw std::runtime_error("curl_share_init failed");
    share(handle.get(), CURL_LOCK_DATA_CONNECT, "CURL_LOCK_DATA_CONNECT");
    share(handle.get(), CURL_LOCK_DATA_DNS, "CURL_LOCK_DATA_DNS");
    share(handle.get(), CURL_LOCK_DATA_SSL_SESSION, "CURL_LOCK_DATA_SSL_SESSION");
    return handle;
}

MultiPtr make_multi() {
    MultiPtr multi(curl_multi_init());
    if (!multi) throw std::runtime_error("curl_multi_init failed");
    return multi;
}

Transfer::Transfer(const ClientConfig& config, const Wire& wire, CURLSH* share)
    : config_(config), wire_(wire), easy_(curl_easy_init()) {
    if (!easy_) throw std::runtime_error("curl_easy_init failed");
    try {
        apply(share);
    } catch (...) {
        // The destructor does not run for a constructor that throws.
        curl_easy_cleanup(easy_);
        curl_slist_free_all(headers_);
        throw;
    }
}

void Transfer::apply(CURLSH* share) {
    const ClientConfig& config = config_;
    const Wire& wire = wire_;
    CURL* e = easy_;
    set(e, CURLOPT_PRIVATE, this);
    set(e, CURLOPT_SHARE, share);
    set(e, CURLOPT_ERRORBUFFER, error_);
    // Signals are the CLI's business, and libcurl's alarm()-based DNS timeout is not thread-safe.
    set(e, CURLOPT_NOSIGNAL, 1L);
    set(e, CURLOPT_PROTOCOLS_STR, "http,https");
    // No proxy option is set, so libcurl's own proxy environment (https_proxy, HTTPS_PROXY,
    // http_proxy, NO_PROXY) applies, as for curl. TLS: a bundle of our own, or no checks at all.
    if (!config.ca_file.empty()) set(e, CURLOPT_CAINFO, config.ca_file.c_str());
    if (config.insecure) {
        set(e, CURLOPT_SSL_VERIFYPEER, 0L);
        set(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    // Redirects are never followed: libcurl would resend our custom key header to whatever
    // origin the Location names (CURLOPT_UNRESTRICTED_AUTH only covers Authorization). A 3xx
    // reaches the caller as a response like any other status.
    set(e, CURLOPT_FOLLOWLOCATION, 0L);

    set(e, CURLOPT_CONNECTTIMEOUT_MS, to_ms(config.connect_timeout_s));
    set(e, CURLOPT_TIMEOUT_MS, to_ms(config.timeout_s));
    if (config.timeout_s > 0) {
        // A stalled server (connection open, nothing flowing) fails like a timeout, not a hang.
        set(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
        set(e, CURLOPT_LOW_SPEED_TIME, std::max(1L, std::lround(std::ceil(config.timeout_s))));
    }
    // Stops early when the Content-Length is known; on_body enforces it when it is not.
    set(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(config.max_response_bytes));

    // The request itself: the Wire, as it is — the options `curl` sets for as_curl's command.
    set(e, CURLOPT_URL, wire.url.c_str());
    for (const auto& [name, value] : wire.headers) {
        // "Name:" with nothing after it removes a header libcurl would add by itself.
        const std::string line = value.empty() ? name + ':' : name + ": " + value;
        curl_slist* appended = curl_slist_append(headers_, line.c_str());
        if (!appended) throw std::bad_alloc();
        headers_ = appended;
    }
    set(e, CURLOPT_HTTPHEADER, headers_);
    if (wire.method == "HEAD") set(e, CURLOPT_NOBODY, 1L);
    if (wire.body) {
        set(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(wire.body->size()));
        set(e, CURLOPT_POSTFIELDS, wire.body->data());
    }
    if (wire.custom_method) set(e, CURLOPT_CUSTOMREQUEST, wire.method.c_str());

    // On a reused connection that dies without an answer, libcurl resends the request by
    // itself, POST and PATCH included, and the server may already have carried it out (a
    // create made twice). A request that must not repeat gets a connection of its own, where
    // libcurl never resends; idempotent ones keep the pool.
    if (wire.fresh_connect) set(e, CURLOPT_FRESH_CONNECT, 1L);

    set(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    set(e, CURLOPT_WRITEDATA, this);
    set(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    set(e, CURLOPT_HEADERDATA, this);
    if (config.log) {
        set(e, CURLOPT_VERBOSE, 1L);
        set(e, CURLOPT_DEBUGFUNCTION, &Transfer::on_debug);
        set(e, CURLOPT_DEBUGDATA, this);
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
    if (t.response_.body.empty()) {  // one allocation for the whole body when its length is known
        curl_off_t length = -1;
        if (curl_easy_getinfo(t.easy_, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length > 0 &&
            static_cast<size_t>(length) <= t.config_.max_response_bytes)
            t.response_.body.reserve(static_cast<size_t>(length));
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
    auto& t = *static_cast<Transfer*>(self);
    const std::string_view text(data, size);
    // libcurl's own chatter stays out: --verbose shows what went over the wire. The request
    // body is the Wire's, shown whole (--debug) when libcurl starts sending it, which comes
    // after its headers and after any proxy's CONNECT exchange; the response body in finish().
    if (type == CURLINFO_HEADER_OUT) t.log_block("> ", text);
    else if (type == CURLINFO_HEADER_IN) t.log_block("< ", text);
    else if (type == CURLINFO_DATA_OUT && t.config_.debug && !t.body_logged_ && t.wire_.body) {
        t.body_logged_ = true;
        t.log_body("> ", "request body", *t.wire_.body);
    }
    return 0;
}

void Transfer::log_body(std::string_view prefix, std::string_view what, std::string_view body) const {
    const std::string redacted = scrub(body);
    const std::string_view shown = body_excerpt(redacted);
    config_.log(fmt::format("* {} ({} bytes{})", what, body.size(),
                            shown.size() < redacted.size() ? fmt::format(", the first {} shown", shown.size()) : ""));
    log_block(prefix, shown);
}

void Transfer::log_timings() const {
    // Each CURLINFO_*_TIME_T is microseconds from the start to the end of that phase; 0 for a
    // phase that did not happen (a reused connection, no TLS).
    auto at = [this](CURLINFO info) {
        curl_off_t us = 0;
        curl_easy_getinfo(easy_, info, &us);
        return us;
    };
    const curl_off_t dns = at(CURLINFO_NAMELOOKUP_TIME_T), connect = at(CURLINFO_CONNECT_TIME_T);
    const curl_off_t tls = at(CURLINFO_APPCONNECT_TIME_T), first = at(CURLINFO_STARTTRANSFER_TIME_T);
    const curl_off_t total = at(CURLINFO_TOTAL_TIME_T);
    const curl_off_t ready = std::max({dns, connect, tls});  // when the request could be sent
    auto ms = [](curl_off_t us) { return fmt::format("{:.1f} ms", static_cast<double>(std::max<curl_off_t>(us, 0)) / 1000); };
    config_.log(fmt::format("* time: dns {}, connect {}, tls {}, first byte {}, total {}", ms(dns),
                            ms(connect > 0 ? connect - dns : 0), ms(tls > 0 ? tls - connect : 0),
                            ms(first > 0 ? first - ready : 0), ms(total)));
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
    std::string out = redact(text, wire_.key);
    if (wire_.key_in_url != wire_.key) out = redact(out, wire_.key_in_url);
    return out;
}

Result Transfer::finish(CURLcode code) {
    if (config_.log && config_.debug) {
        if (!response_.body.empty()) log_body("< ", "response body", response_.body);
        log_timings();
    }
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
