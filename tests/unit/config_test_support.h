// Helpers for the config tests: a temporary XDG_CONFIG_HOME and an injected environment.
#pragma once
#include "config/settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/stat.h>

namespace crmtest {

// A fresh directory used as XDG_CONFIG_HOME, removed afterwards.
class ConfigHome {
public:
    ConfigHome() {
        std::string templ = (std::filesystem::temp_directory_path() / "crm-config-XXXXXX").string();
        dir_ = ::mkdtemp(templ.data());
        env_["XDG_CONFIG_HOME"] = dir_.string();
    }
    ~ConfigHome() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    ConfigHome(const ConfigHome&) = delete;
    ConfigHome& operator=(const ConfigHome&) = delete;

    std::filesystem::path file() const { return dir_ / "crm" / "config.toml"; }

    void write(const std::string& toml, mode_t mode = 0600) const {
        std::filesystem::create_directories(file().parent_path());
        std::ofstream(file()) << toml;
        ::chmod(file().c_str(), mode);
    }

    void setenv(const std::string& name, const std::string& value) { env_[name] = value; }

    crm::config::Getenv getenv() const {
        return [env = env_](const std::string& name) -> std::optional<std::string> {
            auto it = env.find(name);
            if (it == env.end()) return std::nullopt;
            return it->second;
        };
    }

    crm::config::Settings resolve(const crm::config::Overrides& flags = {}) const {
        return crm::config::resolve(flags, getenv());
    }

    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::map<std::string, std::string> env_;
};

inline mode_t file_mode(const std::filesystem::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

}  // namespace crmtest
