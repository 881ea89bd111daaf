#include "e2e.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

namespace crmtest {

RunOptions env_for(const SandboxProcess& sandbox, const std::string& key) {
    static const std::string config_home = [] {
        auto dir = std::filesystem::temp_directory_path() / ("crm-e2e-config-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return dir.string();
    }();
    RunOptions options;
    options.env = {{"CRM_BASE_URL", sandbox.base_url()},
                   {"CRM_API_KEY", key.empty() ? sandbox.api_key() : key},
                   {"XDG_CONFIG_HOME", config_home},
                   {"NO_COLOR", "1"}};
    // The caller's settings, debug switch, CA bundles and proxies stay out of the tests.
    options.unset_env = {"CRM_PROFILE", "CRM_OUTPUT", "CRM_TIMEOUT", "CRM_RETRIES", "CRM_RATE", "CRM_AUTH",
                         "CRM_DEBUG", "CRM_CA_BUNDLE", "SSL_CERT_FILE", "CRM_ALLOW_INSECURE",
                         "HTTPS_PROXY", "https_proxy", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"};
    return options;
}

size_t log_lines(const SandboxProcess& sandbox, const std::string& prefix) {
    std::istringstream log(sandbox.stderr_text());
    size_t n = 0;
    for (std::string line; std::getline(log, line);) n += line.rfind(prefix, 0) == 0;
    return n;
}

RunResult crm(const SandboxProcess& sandbox, const std::vector<std::string>& args, RunOptions options) {
    RunOptions merged = env_for(sandbox);
    for (auto& [k, v] : options.env) merged.env[k] = v;
    merged.unset_env.insert(merged.unset_env.end(), options.unset_env.begin(), options.unset_env.end());
    for (const auto& name : options.unset_env) merged.env.erase(name);
    merged.stdin_data = options.stdin_data;
    merged.timeout_ms = options.timeout_ms;
    merged.cwd = options.cwd;
    return run_crm(args, merged);
}

rapidjson::Document parse(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    INFO("not JSON: " << text);
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

std::string create_lead(const SandboxProcess& sandbox, const std::string& title) {
    auto r = crm(sandbox, {"leads", "create", "-f", "title=" + title, "-o", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto doc = parse(r.out);
    return doc["id"].GetString();
}

}  // namespace crmtest
