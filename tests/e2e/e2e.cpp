#include "e2e.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

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

TempDir::TempDir(const std::string& name) {
    // mkdtemp: unique even for two directories of one name in one test.
    std::string templ = (std::filesystem::temp_directory_path() / ("crm-e2e-" + name + "-XXXXXX")).string();
    if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp " + templ + " failed");
    path = templ;
}

TempDir::~TempDir() { std::filesystem::remove_all(path); }

std::vector<std::string> TempDir::names() const {
    std::vector<std::string> result;
    for (const auto& entry : std::filesystem::directory_iterator(path)) result.push_back(entry.path().filename().string());
    std::sort(result.begin(), result.end());
    return result;
}

std::string read_file(const std::string& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

pid_t spawn_crm(const SandboxProcess& sandbox, const std::vector<std::string>& args, const std::string& err_path) {
    auto options = env_for(sandbox);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e, name = entry.substr(0, entry.find('='));
        if (!options.env.contains(name) &&
            std::find(options.unset_env.begin(), options.unset_env.end(), name) == options.unset_env.end())
            env.push_back(entry);
    }
    for (const auto& [k, v] : options.env) env.push_back(k + "=" + v);
    std::vector<std::string> argv{CRM_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv, c_env;
    for (auto& a : argv) c_argv.push_back(a.data());
    for (auto& e : env) c_env.push_back(e.data());
    c_argv.push_back(nullptr);
    c_env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.empty() ? "/dev/null" : err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, CRM_BIN, &actions, nullptr, c_argv.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
}

}  // namespace crmtest
