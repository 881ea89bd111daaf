// cpp-httplib's Server with its per-connection loop replaced. httplib (0.11) makes a new
// socket stream for every request of a keep-alive connection and, per request, polls before
// each read and each write, checks the peer is alive (one more poll and a recv), and asks the
// kernel for both addresses again: thirteen system calls to answer one GET, the headers and
// the body in two separate sends. Here one stream lives as long as its connection: it reads
// through a buffer kept across requests (pipelined requests are not lost), knows its two
// addresses from the start, and sends each response in one call (headers and body gathered
// by sendmsg, without copying the body). Request parsing, routing and the response's headers
// stay httplib's own (Server::process_request).
#pragma once
#include <httplib.h>

namespace sandbox {

class HttpServer final : public httplib::Server {
private:
    bool process_and_close_socket(socket_t sock) override;
};

}  // namespace sandbox
