#include "server.h"

#include "access_log.h"
#include "api.h"
#include "faults.h"
#include "http_server.h"
#include "keys.h"
#include "record.h"
#include "seed.h"
#include "sqlite_store.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace sandbox {
namespace {

int port_of(const sockaddr_storage& a) {
    if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
    if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
    return -1;
}

// cpp-httplib does not hand the socket to handlers, so a dropped connection is found by its
// two ports among our descriptors and shut down: httplib's write of the response then fails
// and it closes the socket, and the client sees the connection end without a single byte.
void drop_connection(const httplib::Request& req) {
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return;
    while (dirent* e = readdir(dir)) {
        int fd = atoi(e->d_name);
        if (fd <= 2) continue;
        sockaddr_storage local{}, peer{};
        socklen_t ll = sizeof local, pl = sizeof peer;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0) continue;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) continue;
        if (port_of(local) == req.local_port && port_of(peer) == req.remote_port) {
            shutdown(fd, SHUT_RDWR);
            break;
        }
    }
    closedir(dir);
}

// VALUE for a line `export NAME=VALUE` that a shell's eval reads back exactly, whatever the
// characters: single quotes, each ' written as '\''.
std::string shell_quote(const std::string& value) {
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string url_host(const std::string& host) {
    if (host == "0.0.0.0" || host.empty()) return "127.0.0.1";
    if (host == "::") return "[::1]";
    if (host.find(':') != std::string::npos) return "[" + host + "]";
    return host;
}

// Requests served on one connection before it is closed, and how long an idle one is kept.
constexpr size_t kKeepAliveMaxRequests = 1000000;
constexpr time_t kKeepAliveSeconds = 5;

// The largest request body served; a larger one is answered 413 without being kept.
constexpr size_t kMaxBodyBytes = 1024 * 1024;

ApiResponse body_too_large() {
    return error_response(413, fmt::format("request body too large (at most {} bytes)", kMaxBodyBytes));
}

// A request body as the sandbox got it.
struct Body {
    std::string text;
    int refused = 0;  // 413: over kMaxBodyBytes (text dropped); 400: unreadable (broken chunks, cut short)
};

// Reads a write's body through httplib's content reader rather than letting httplib gather
// it: httplib 0.11 enforces its payload limit on Content-Length bodies only (a chunked one
// would be held whole, however big) and answers 413 to any form-encoded body over 8 KiB.
// Past the limit the rest is read and dropped, so the connection stays in step.
Body read_body(const httplib::Request& req, const httplib::Response& res, const httplib::ContentReader& reader) {
    Body b;
    size_t seen = 0;
    auto keep = [&](const char* data, size_t n) {
        seen += n;
        if (seen <= kMaxBodyBytes) b.text.append(data, n);
        return true;
    };
    // A multipart body is no JSON: its parts are dropped, and the API finds no body.
    auto drop_part = [](const httplib::MultipartFormData&) { return true; };
    auto drop_bytes = [](const char*, size_t) { return true; };
    bool ok = req.is_multipart_form_data() ? reader(drop_part, drop_bytes) : reader(keep);
    // On failure httplib has put its verdict in res.status: 413 for a Content-Length over
    // the payload limit (the body skipped), 400 otherwise.
    if (!ok) b.refused = res.status == 413 ? 413 : 400;
    else if (seen > kMaxBodyBytes) b.refused = 413;
    if (b.refused) b.text.clear();
    return b;
}

// 429 with the gateway's wording and Retry-After in whole seconds.
ApiResponse too_many_requests(int64_t retry_after) {
    auto r = error_response(429, fmt::format("Rate limit is exceeded. Try again in {} seconds.", retry_after));
    r.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return r;
}

// httplib adds these to a request's headers; they were not sent.
bool added_by_httplib(const std::string& header) {
    return header == "REMOTE_ADDR" || header == "REMOTE_PORT" || header == "LOCAL_ADDR" || header == "LOCAL_PORT";
}

class Front {
public:
    using Clock = std::chrono::steady_clock;

    // record may be null (no --record).
    Front(const Options& o, Api& api, Keys keys, RecordFile* record)
        : o_(o), api_(api), keys_(std::move(keys)), faults_(o.faults),
          quota_(o.faults.quota_requests, o.faults.quota_seconds), record_(record), start_(Clock::now()) {}

    void serve(const httplib::Request& req, httplib::Response& res, const Body& body) {
        auto t0 = Clock::now();
        bool dropped = false;
        ApiResponse out = answer(req, body, dropped);
        note(req, body, out.status, dropped, t0);
        if (dropped) drop_connection(req);
        res.status = out.status;
        for (auto& [k, v] : out.headers) res.set_header(k, v);
        if (!out.body.empty()) {  // set_content() without its copy of the body (a page is ~50 KB)
            res.body = std::move(out.body);
            res.set_header("Content-Type", "application/json; charset=utf-8");
        }
    }

    // A request httplib refused itself (bad request line, URI or header too long, a
    // Content-Length over the limit): its answer gets a JSON body, and it is noted too.
    void refused_by_httplib(const httplib::Request& req, httplib::Response& res) {
        ApiResponse e = res.status == 413 ? body_too_large()
                        : res.status == 414 ? error_response(414, "request URI too long")
                                            : error_response(res.status, "bad request");
        res.set_content(e.body, "application/json; charset=utf-8");
        Body skipped;
        skipped.refused = res.status == 413 ? 413 : 0;
        note(req, skipped, res.status, false, Clock::now());
    }

private:
    // The record line and the access line. Written here, before the answer goes out (httplib's
    // logger runs after it) and before a drop: a client that has its answer, or sees the
    // connection close, finds the lines already there.
    void note(const httplib::Request& req, const Body& body, int status, bool dropped, Clock::time_point t0) {
        if (record_) record_->append(record_line(recorded(req, body, status, dropped, t0)));
        if (o_.log) {
            double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            std::string line = access_line(req.method, req.target, dropped ? "dropped" : std::to_string(status), ms);
            std::lock_guard lock(log_mu_);
            std::fprintf(stderr, "%s\n", line.c_str());
            std::fflush(stderr);
        }
    }

    RecordedRequest recorded(const httplib::Request& req, const Body& body, int status, bool dropped,
                             Clock::time_point t0) const {
        RecordedRequest r;
        r.t = std::chrono::duration<double>(t0 - start_).count();
        r.method = req.method;
        r.path = req.path;
        r.target = req.target;
        for (const auto& [name, value] : req.headers)
            if (!added_by_httplib(name)) r.headers.emplace_back(name, value);
        r.body = body.text;
        r.body_omitted = body.refused != 0;
        r.status = status;
        r.dropped = dropped;
        return r;
    }

    ApiResponse answer(const httplib::Request& req, const Body& body, bool& dropped) {
        // A body refused is refused before anything else, like httplib's own 413.
        if (body.refused == 413) return body_too_large();
        if (body.refused) return error_response(400, "the request body could not be read");
        std::string key = req.get_header_value("Ocp-Apim-Subscription-Key");
        if (key.empty() && req.has_param("subscription-key")) key = req.get_param_value("subscription-key");
        // HEAD is a GET whose body httplib leaves out.
        const std::string method = req.method == "HEAD" ? "GET" : req.method;
        Access access = keys_.check(key);
        if (access == Access::Denied) return error_response(401, kInvalidKeyMessage);
        if (access == Access::ReadOnly && method != "GET") return error_response(403, kReadOnlyMessage);
        if (int64_t retry = quota_.take(access == Access::ReadWrite ? "primary" : "secondary"))
            return too_many_requests(retry);
        if (int retry = faults_.rate_limited()) return too_many_requests(retry);
        faults_.delay();
        if (faults_.should_fail()) return error_response(503, "Service unavailable (injected by --fail-rate)");
        ApiRequest ar{method, req.path, {}, body.text};
        for (const auto& [k, v] : req.params) ar.query.emplace(k, v);
        ApiResponse out = api_.handle(ar);
        dropped = faults_.should_drop();
        return out;
    }

    const Options& o_;
    Api& api_;
    Keys keys_;
    Faults faults_;
    Quota quota_;
    RecordFile* record_;
    const Clock::time_point start_;  // "t" of the record lines counts from here
    std::mutex log_mu_;
};

}  // namespace

int run_server(const Options& o) {
    // A response body (a page of 100 records is ~50 KB) is allocated and freed per request on
    // each worker's arena: by default glibc gives the freed top of an arena back to the kernel
    // (madvise) and faults fresh pages in for the next response. Keep it; fixed thresholds
    // (setting one turns off glibc's adjusting) that no response reaches.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // SIGINT/SIGTERM are taken by a dedicated thread (sigwait), which stops the server; every
    // other thread inherits the blocked mask. Writes to closed sockets must not kill us.
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::unique_ptr<RecordFile> record;
    if (!o.record.empty()) record = std::make_unique<RecordFile>(o.record);
    SqliteStore store(o.db);
    install_defaults(store);
    if (o.seed_records > 0) {
        if (store.count("leads") + store.count("contacts") + store.count("organizations") > 0) {
            std::fprintf(stderr, "crm-sandbox: the database already holds records; --seed-records ignored\n");
        } else {
            seed_records(store, o.seed_records);
        }
    }
    Api api(store, o.lists);
    Keys keys{o.primary_key.empty() ? random_key() : o.primary_key,
              o.secondary_key.empty() ? random_key() : o.secondary_key};
    while (keys.secondary == keys.primary) keys.secondary = random_key();
    Front front(o, api, keys, record.get());

    HttpServer svr;
    const int threads = o.threads;
    svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    // A Content-Length over the limit is answered by httplib itself (error handler below),
    // the body skipped; read_body enforces the limit on chunked bodies.
    svr.set_payload_max_length(kMaxBodyBytes);
    // Without TCP_NODELAY, Nagle's algorithm holds the last part of a response that is still
    // in flight when the client's delayed ACK holds its own: ~40 ms on keep-alive connections.
    svr.set_tcp_nodelay(true);
    // httplib closes a keep-alive connection after 5 requests by default: a client walking
    // pages or a load generator would then pay a new connection (and a worker hand-over)
    // every 5 requests. An idle connection still ends after the keep-alive timeout (5 s), so
    // clients that went away do not hold their worker for long.
    svr.set_keep_alive_max_count(kKeepAliveMaxRequests);
    svr.set_keep_alive_timeout(kKeepAliveSeconds);
    auto write_handler = [&front](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
        front.serve(req, res, read_body(req, res, reader));
    };
    // Served here, before httplib's routing:
    // - reads (httplib reads no body for them): its routing would match the path against the
    //   regex ".*" first, ~40,000 instructions a request, a sixth of a 100-record page's;
    // - writes with neither Content-Length nor chunked encoding (curl -X DELETE, curl -X POST
    //   without -d): cpp-httplib 0.11 answers them a bare 400, yet their body is just empty.
    svr.set_pre_routing_handler([&front](const httplib::Request& req, httplib::Response& res) {
        bool read = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
        bool write = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
        if (read || (write && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))) {
            front.serve(req, res, {});
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    svr.set_error_handler(httplib::Server::HandlerWithResponse(
        [&front](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours: served
        front.refused_by_httplib(req, res);
        return httplib::Server::HandlerResponse::Handled;
    }));
    svr.Post(".*", write_handler);
    svr.Put(".*", write_handler);
    svr.Patch(".*", write_handler);
    svr.Delete(".*", write_handler);

    int port = o.port;
    if (port == 0) {
        port = svr.bind_to_any_port(o.host);
    } else if (!svr.bind_to_port(o.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        std::fprintf(stderr, "crm-sandbox: cannot listen on %s:%d\n", o.host.c_str(), o.port);
        return 1;
    }

    std::atomic<bool> signalled{false}, listen_returned{false};
    std::thread stopper([&svr, &signalled, &listen_returned, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        signalled = true;
        // stop() does nothing until listen has begun, and a signal may come as soon as the
        // start-up lines are out (a script that evals them and kills at once): so repeat.
        while (!listen_returned) {
            svr.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });

    // The socket is listening: connections queue from here on, so the contract's lines can go out.
    const std::string base_url = fmt::format("http://{}:{}", url_host(o.host), port);
    std::printf("export CRM_BASE_URL=%s\n", shell_quote(base_url).c_str());
    std::printf("export CRM_API_KEY=%s\n", shell_quote(keys.primary).c_str());
    std::printf("export CRM_READONLY_KEY=%s\n", shell_quote(keys.secondary).c_str());
    std::fflush(stdout);
    // Nothing more goes to stdout: let it go, so that eval "$(crm-sandbox ... &)" sees its end
    // and returns. fd 1 stays open (on /dev/null), so no later file can take its number.
    if (int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC); devnull >= 0) {
        ::dup2(devnull, STDOUT_FILENO);
        ::close(devnull);
    }

    bool ok = svr.listen_after_bind();
    listen_returned = true;
    // listen returned: stopped by a signal, or failed; then wake the stopper, still in sigwait.
    if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return ok ? 0 : 1;
}

}  // namespace sandbox
