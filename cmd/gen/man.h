// Man pages generated from the command tree: crm(1) with the global options, exit status,
// environment and files, and one page per command group (crm-leads(1), ...).
#pragma once
#include "gen/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace crm::cmd::gen {

struct ManPage {
    std::string file_name;  // "crm-leads.1"
    std::string text;       // roff
};

std::vector<ManPage> man_pages(const Command& root, std::string_view version);

}  // namespace crm::cmd::gen
