#include "options.h"

#include <charconv>
#include <stdexcept>

namespace sandbox {
namespace {

int64_t to_int(const std::string& flag, const std::string& v, int64_t lo, int64_t hi) {
    int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
        throw std::invalid_argument(flag + " needs an integer between " + std::to_string(lo) + " and " +
                                    std::to_string(hi) + ", got '" + v + "'");
    return n;
}

double to_double(const std::string& flag, const std::string& v, double lo, double hi) {
    size_t used = 0;
    double d = 0;
    try {
        d = std::stod(v, &used);
    } catch (...) {
        used = 0;
    }
    if (used == 0 || used != v.size() || !(d >= lo && d <= hi))
        throw std::invalid_argument(flag + " needs a number between " + std::to_string(lo) + " and " +
                                    std::to_string(hi) + ", got '" + v + "'");
    return d;
}

// A key goes into an HTTP header and onto one start-up line: no control characters.
std::string to_key(const std::string& flag, const std::string& v) {
    for (char c : v)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw std::invalid_argument(flag + " must not hold control characters (newline, tab, ...)");
    return v;
}

ListShape to_list_shape(const std::string& flag, const std::string& v) {
    if (v == "items") return ListShape::Items;
    if (v == "paged") return ListShape::Paged;
    throw std::invalid_argument(flag + " needs items or paged, got '" + v + "'");
}

// --quota N/SECONDS, both whole numbers ≥ 1: "100/60".
void parse_quota(const std::string& flag, const std::string& v, FaultOptions& f) {
    auto slash = v.find('/');
    auto whole = [&](const std::string& part, int64_t hi, int64_t& out) {
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && p == part.data() + part.size() && out >= 1 && out <= hi;
    };
    if (slash == std::string::npos || !whole(v.substr(0, slash), 1000000000, f.quota_requests) ||
        !whole(v.substr(slash + 1), 86400, f.quota_seconds))
        throw std::invalid_argument(flag + " needs N/SECONDS (requests per window, e.g. 100/60; N 1..10^9, " +
                                    "SECONDS 1..86400), got '" + v + "'");
}

}  // namespace

std::string usage() {
    return R"usage(Usage: crm-sandbox [options]

A local, stateful emulator of the CRM as a Service API. Once it accepts connections it prints
  export CRM_BASE_URL='http://HOST:PORT'
  export CRM_API_KEY='<primary key, read/write>'
  export CRM_READONLY_KEY='<secondary key, read-only>'
on stdout (values quoted for a shell: eval "$(crm-sandbox &)" works), then closes it. It
stops cleanly on SIGINT/SIGTERM.

Options:
  --host HOST           address to bind (default 127.0.0.1)
  --port N              port to bind; 0 picks a free port (default 0)
  --db FILE             SQLite database file (default: in memory, gone at exit)
  --primary-key K       the read/write key (default: random)
  --secondary-key K     the read-only key (default: random)
  --seed-records N      generate N realistic records across all entities (deterministic)

Realism:
  --list-shape items|paged
                        items (default): a list answers exactly {"items":[...]}, as the
                        reference documents; paged adds "page", "size" and "total"
  --max-page-size N     serve at most N (1..1000) records per page whatever size asks; page p
                        then holds records (p-1)*S .. p*S-1 with S = min(size, N)

Faults:
  --latency-ms N        delay every request by N milliseconds
  --fail-rate P         answer that fraction (0..1) of requests 503, without carrying them out
  --drop-rate P         carry out that fraction (0..1) of requests, then close the connection
                        without an answer
  --rate-limit RPS      at most RPS requests per one-second window; over it 429 + Retry-After
  --quota N/SECONDS     at most N requests per key in each fixed window of SECONDS (a key's
                        window opens at its first request); over it 429 + Retry-After, the
                        seconds left in the window

Serving and watching:
  --threads N           worker threads, i.e. concurrent keep-alive connections (default 64)
  --log                 one access line per request on stderr (keys redacted)
  --record FILE         append every request to FILE as one JSON line: t, method, path,
                        query, headers (key redacted), body as received, status answered
  --help                show this help

Limits: request bodies up to 1 MiB (413 beyond), JSON nested up to 64 levels (400 beyond).
)usage";
}

Options parse_options(const std::vector<std::string>& args) {
    Options o;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string flag = args[i], value;
        bool has_inline = false;
        if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
            has_inline = true;
        }
        auto need = [&]() -> std::string {
            if (has_inline) return value;
            if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") o.help = true;
        else if (flag == "--log") o.log = true;
        else if (flag == "--record") o.record = need();
        else if (flag == "--host") o.host = need();
        else if (flag == "--port") o.port = static_cast<int>(to_int(flag, need(), 0, 65535));
        else if (flag == "--db") o.db = need();
        else if (flag == "--primary-key") o.primary_key = to_key(flag, need());
        else if (flag == "--secondary-key") o.secondary_key = to_key(flag, need());
        else if (flag == "--seed-records") o.seed_records = to_int(flag, need(), 0, 100000000);
        else if (flag == "--list-shape") o.lists.shape = to_list_shape(flag, need());
        else if (flag == "--max-page-size") o.lists.max_page_size = to_int(flag, need(), 1, 1000);
        else if (flag == "--latency-ms") o.faults.latency_ms = static_cast<int>(to_int(flag, need(), 0, 600000));
        else if (flag == "--fail-rate") o.faults.fail_rate = to_double(flag, need(), 0, 1);
        else if (flag == "--drop-rate") o.faults.drop_rate = to_double(flag, need(), 0, 1);
        else if (flag == "--rate-limit") o.faults.rate_limit = to_double(flag, need(), 0, 1e9);
        else if (flag == "--quota") parse_quota(flag, need(), o.faults);
        else if (flag == "--threads") o.threads = static_cast<int>(to_int(flag, need(), 1, 1024));
        else throw std::invalid_argument("unknown option " + flag + " (see --help)");
    }
    if (!o.primary_key.empty() && o.primary_key == o.secondary_key)
        throw std::invalid_argument("--primary-key and --secondary-key must differ");
    return o;
}

}  // namespace sandbox
