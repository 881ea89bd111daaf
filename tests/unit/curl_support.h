// Reading a curl command line (as --dry-run prints it) back into the Wire it sends, so that
// tests can hold as_curl to as_text: shared by the wire tests and the operations table.
#pragma once
#include "http/wire.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crmtest {

// The words of a command line as /bin/sh splits them: single quotes, double quotes (where
// $CRM_API_KEY is left as it is written), backslashes outside quotes.
inline std::vector<std::string> shell_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else if (c == '\'') {
            const size_t end = line.find('\'', i + 1);
            REQUIRE(end != std::string_view::npos);
            word += line.substr(i + 1, end - i - 1);
            i = end;
            in_word = true;
        } else if (c == '"') {
            const size_t end = line.find('"', i + 1);
            REQUIRE(end != std::string_view::npos);
            word += line.substr(i + 1, end - i - 1);
            i = end;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

// The request a curl command line sends, read back as a Wire (the parts as_text shows).
inline crm::http::Wire from_curl(const std::string& command) {
    const auto words = shell_words(command);
    REQUIRE(!words.empty());
    CHECK(words[0] == "curl");
    crm::http::Wire wire;
    std::optional<std::string> method;
    for (size_t i = 1; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "-X") method = words.at(++i);
        else if (w == "-I") method = "HEAD";
        else if (w == "-g") continue;
        else if (w == "-H") {
            const std::string& h = words.at(++i);
            const size_t colon = h.find(':');
            REQUIRE(colon != std::string::npos);
            std::string value = h.substr(colon + 1);
            if (value.starts_with(' ')) value.erase(0, 1);
            wire.headers.emplace_back(h.substr(0, colon), value);
        } else if (w == "--data-binary" || w == "--data-raw") wire.body = words.at(++i);
        else {
            CHECK(wire.url.empty());  // one URL
            CHECK_FALSE(w.starts_with('-'));
            wire.url = w;
        }
    }
    wire.method = method.value_or(wire.body ? "POST" : "GET");
    return wire;
}

}  // namespace crmtest
