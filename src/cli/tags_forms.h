// Tags of the five entities and the custom-field forms (CLI.md §1).
#pragma once
#include "api/body.h"
#include "api/requests.h"
#include "cli/context.h"

#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

struct TagOptions {
    std::string entity;
    std::string id;
    api::TagInput tag;             // create, update
    std::vector<std::string> ids;  // delete
    bool yes = false;
};

void run_tags_list(Context& ctx, const TagOptions& options);
void run_tags_create(Context& ctx, const TagOptions& options);
void run_tags_update(Context& ctx, const TagOptions& options);
void run_tags_delete(Context& ctx, const TagOptions& options);

void run_forms_get(Context& ctx, const std::string& entity);
void run_forms_set(Context& ctx, const std::string& entity, const api::BodyInput& body, bool yes);

// How a new form differs from the current one, by field id.
struct FormDiff {
    size_t added = 0, removed = 0, changed = 0;
};
FormDiff diff_forms(const json::Value& current_fields, const json::Value& new_fields);

}  // namespace crm::cli
