// --record FILE: every request as one JSON line, so that tests can assert exactly what
// reached the server, in what order and when.
#pragma once
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sandbox {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct RecordedRequest {
    double t = 0;        // seconds since the sandbox started
    std::string method;  // as received: HEAD stays HEAD
    std::string path;    // decoded, without the query string
    std::string target;  // the raw request target; its query string is recorded in order
    NameValues headers;  // as received
    std::string body;
    bool body_omitted = false;  // the body was refused (too large, unreadable) and not kept
    int status = 0;             // the status answered, or that would have been for a drop
    bool dropped = false;       // --drop-rate closed the connection instead of answering
};

// One line, without its newline:
// {"t":1.25,"method":"GET","path":"/p","query":[["page","1"]],"headers":{"Host":"..."},
//  "body":"","status":200}
// plus "bodyEncoding":"base64" when the body is not valid UTF-8 (body is then its base64),
// "bodyOmitted":true and "dropped":true when they apply. The subscription key (header or
// query parameter) is redacted; a repeated header is joined with ", ". The line is valid
// JSON and valid UTF-8 whatever bytes the request held: an invalid byte outside the body
// becomes U+FFFD.
std::string record_line(const RecordedRequest& r);

// The query parameters of a request target in order, percent-decoded ('+' is a space).
NameValues query_params(const std::string& target);

// "****" and the key's last 4 characters (only "****" for a key of 8 characters or fewer).
std::string redact_key(const std::string& key);

// The record file, opened for appending. Each line goes out in one write(2) under a mutex,
// so lines never interleave, and it is in the file before the answer is sent.
class RecordFile {
public:
    explicit RecordFile(const std::string& path);  // throws std::runtime_error
    ~RecordFile();
    RecordFile(const RecordFile&) = delete;
    RecordFile& operator=(const RecordFile&) = delete;

    void append(const std::string& line);

private:
    int fd_ = -1;
    std::mutex mu_;
};

}  // namespace sandbox
