// URL building shared by the client and curl_command (internal to src/http).
#pragma once
#include "http/client.h"

#include <string>
#include <string_view>

namespace crm::http {

// The URL actually requested: url_for() plus, in query auth mode, the encoded key.
std::string request_url(const ClientConfig& config, const Request& request);

}  // namespace crm::http
