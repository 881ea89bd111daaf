// The table of known settings and the rules their values must follow, shared by resolve()
// (values from flags, environment and profile) and ConfigFile::set (values written to the file).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crm::config::detail {

// Every known key, in the order `crm config explain` and `crm config list` show them.
const std::vector<std::string>& known_keys();
bool is_known_key(std::string_view key);
std::string known_keys_text();  // "base_url, api_key, …" for error messages

// Throws crm::UsageError "<where> <rule>, got '<value>'" when the value breaks the key's rule;
// `where` names the source as a person would look for it: "--timeout", "CRM_TIMEOUT",
// "timeout in profile 'ci' of /path", or the key itself. The value of api_key is never shown.
void validate(const std::string& key, const std::string& value, const std::string& where);

}  // namespace crm::config::detail
