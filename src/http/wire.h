// What goes over the wire for one Request: decided once, here, and only here. The Transfer
// applies a Wire to a libcurl handle as it is; --dry-run prints the same Wire as a curl command
// (as_curl); tests read it as text (as_text). Nothing else builds a URL or a header.
#pragma once
#include "http/client.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crm::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Wire {
    std::string method;
    // The full URL, query included (percent-encoded, as libcurl's URL API writes it); in query
    // auth mode its last parameter is the key.
    std::string url;
    // Exactly the header list crm hands to libcurl, in order. An empty value removes the header
    // libcurl would otherwise add itself ("Expect:", "Content-Type:" on a bodiless POST) — the
    // same meaning `curl -H 'Name:'` has. In header auth mode the key header is last.
    Headers headers;
    // The bytes sent as the body. A POST always has one, empty when the request has none, so
    // that it says "Content-Length: 0".
    std::optional<std::string> body;
    // Whether curl's own method for this body (GET without one, POST with one) must be
    // overridden: libcurl's CURLOPT_CUSTOMREQUEST, curl's -X.
    bool custom_method = false;
    // A request that must not repeat gets a connection of its own (see transfer.cpp).
    bool fresh_connect = false;

    AuthMode auth = AuthMode::header;
    // The key as it stands in the request: the key header's value, or the last query value as
    // encoded in `url`. Both may be empty: a dry run never resolves the key, yet the request it
    // prints carries one. The printers write $CRM_API_KEY in their place; logs redact them.
    std::string key;
    std::string key_in_url;
};

// The one place a Request becomes a URL, headers and a body. Throws std::invalid_argument when
// libcurl's URL parser rejects the base URL or the path.
Wire prepare(const ClientConfig& config, const Request& request);

// --dry-run: a curl command that sends byte-for-byte the request crm sends (request line,
// headers, body), the key written as "$CRM_API_KEY" inside double quotes so the shell expands
// it; everything else single-quoted. One line.
std::string as_curl(const Wire& wire);

// The golden, human-readable form of a Wire, for tests: "METHOD /path?query", one
// "Name: value" line per header (an empty value as "Name:"), then, when there is a body, an
// empty line and the body. The key is written as $CRM_API_KEY.
std::string as_text(const Wire& wire);

}  // namespace crm::http
