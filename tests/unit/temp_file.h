// A temporary file path for one test (a journal, say), removed afterwards.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

struct TempFile {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("crm-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp");
    ~TempFile() { std::filesystem::remove(path); }
    std::string text() const {
        std::ifstream file(path);
        std::ostringstream out;
        out << file.rdbuf();
        return out.str();
    }
    static inline int counter = 0;
};
