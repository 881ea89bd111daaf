// Flag groups shared by several command files: request bodies, paging.
#pragma once
#include "api/body.h"
#include "api/requests.h"
#include "cli/integers.h"
#include "cli/records.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace crm::cmd {

namespace detail {
template <class T>
struct NumberOf {
    using type = T;
};
template <class T>
struct NumberOf<std::optional<T>> {
    using type = T;
};
}  // namespace detail

// A whole-number flag from `low` to `high`: the text is checked before anything is stored, so
// that "0", "-1", "1e3" and "abc" all get the one wording of cli/integers.h instead of CLI11's
// range or conversion messages. A single-argument ValidationError reaches run.cpp without
// CLI11's "NAME: " prefix.
template <class T>
CLI::Option* add_integer_option(CLI::App* sub, const std::string& name, T& target, const std::string& help,
                                long long low, long long high) {
    return sub
        ->add_option_function<std::string>(
            name,
            [&target, name, low, high](const std::string& text) {
                auto n = cli::integer_in(text, low, high);
                if (!n) throw CLI::ValidationError(cli::integer_problem(name, text, low, high));
                target = static_cast<typename detail::NumberOf<T>::type>(*n);
            },
            help)
        ->type_name("N");
}

// -d/--data, -f/--field, -F/--typed-field (CLI.md §3).
void add_body_flags(CLI::App* sub, api::BodyInput& body);

// --page, --size, --all, --limit (CLI.md §2).
void add_paging_flags(CLI::App* sub, cli::Paging& paging);

// -y/--yes: destructive commands ask on a terminal and need it elsewhere (CLI.md §7).
void add_yes_flag(CLI::App* sub, bool& yes);

// --ignore-not-found: a 404 counts as done, for idempotent scripts (kubectl's flag).
void add_ignore_not_found_flag(CLI::App* sub, bool& ignore);

}  // namespace crm::cmd
