// --dry-run: the request as a curl command a user can paste into a shell. The key is written
// as $CRM_API_KEY inside double quotes so the shell expands it; everything else is single-quoted.
#include "http/client.h"
#include "http/url.h"

namespace crm::http {
namespace {

std::string single_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    out += '\'';
    return out;
}

}  // namespace

std::string curl_command(const ClientConfig& config, const Request& request) {
    // The key is always written, whether or not it is known: a dry run never resolves it (so
    // api_key_command does not run), and the request that would be sent carries it.
    std::string command = "curl -X " + request.method + ' ';

    std::string url = url_for(config, request);
    if (config.auth == AuthMode::query) {
        url += request.query.empty() ? '?' : '&';
        url += kKeyQuery;
        url += '=';
        // Adjacent quoted strings are one shell word: '...&subscription-key='"$CRM_API_KEY"
        command += single_quote(url) + "\"$CRM_API_KEY\"";
    } else {
        command += single_quote(url);
    }
    if (config.auth == AuthMode::header) {
        command += " -H \"" + std::string(kKeyHeader) + ": $CRM_API_KEY\"";
    }
    if (request.body) {
        command += " -H 'Content-Type: application/json' --data-binary " + single_quote(*request.body);
    }
    return command;
}

}  // namespace crm::http
