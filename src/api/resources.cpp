#include "api/resources.h"

#include "errors.h"
#include "http/request.h"
#include "term/report.h"

#include <fmt/format.h>

#include <algorithm>

namespace crm::api {

namespace {

using K = FilterKind;

// Filters shared by several entities, spelled once.
const Filter kTitle{"title", "title", K::text, "Title contains (case-insensitive)"};
const Filter kContactId{"contact-id", "contactId", K::list, "Contact id(s)"};
const Filter kOrganizationId{"organization-id", "organizationId", K::list, "Organization id(s)"};
const Filter kTags{"tags", "tags", K::list, "Tag label(s) or id(s)"};
const Filter kOwnerId{"owner-id", "ownerId", K::text, "Owner id"};
const Filter kName{"name", "name", K::text, "Name contains (case-insensitive)"};

using T = FieldType;

// A user as the reference shows one (owner, creator, assignee …): id, name and email, strings.
std::vector<Field> user(const std::string& field) {
    return {{field + ".id", T::text}, {field + ".name", T::text}, {field + ".email", T::text}};
}

// Fields spelled once: every record has these; leads and opportunities share a value and links.
std::vector<Field> fields(std::initializer_list<std::vector<Field>> groups) {
    std::vector<Field> all{{"id", T::text},          {"createdAt", T::text},      {"createdOn", T::text},
                           {"updatedAt", T::text},   {"tenantId", T::text},       {"tags", T::structured},
                           {"customFields", T::structured}, {"followers", T::structured},
                           {"participants", T::structured}};
    for (const auto& group : {user("owner"), user("creator"), user("lastUpdatedBy")}) all.insert(all.end(), group.begin(), group.end());
    for (const auto& group : groups) all.insert(all.end(), group.begin(), group.end());
    return all;
}
const std::vector<Field> kDeal{{"title", T::text},          {"value.amount", T::number}, {"value.code", T::text},
                               {"origin", T::text},         {"leadRating", T::text},     {"note", T::text},
                               {"organizationId", T::text}, {"contactId", T::text}};
const std::vector<Field> kContactWays{{"email", T::structured}, {"phone", T::structured}};

std::vector<Resource> build() {
    std::vector<Resource> r;
    r.push_back({.name = "leads",
                 .aliases = {"lead"},
                 .singular = "lead",
                 .path = "/pipeline/leads",
                 .required = "title",
                 .tags_path = "/pipeline/tags/leads",
                 .form_path = "/pipeline/forms/opportunities",
                 .bulk_path = "/pipeline/bulk-actions",
                 .bulk_entity = "lead",
                 .filters = {kTitle, kContactId, kOrganizationId, kTags,
                             {"archived", "isArchived", K::boolean, "Archived leads only (true) or none (false)"},
                             {"converted", "isConverted", K::boolean, "Converted leads only (true) or none (false)"}},
                 .columns = {"id", "title", "value.amount", "value.code", "leadRating", "owner.name", "isArchived"},
                 .id_actions = {{"archive", "PATCH", "archive", true, "Archive leads"},
                                {"unarchive", "PATCH", "unarchive", true, "Unarchive leads"},
                                {"convert", "POST", "convert", false,
                                 "Convert a lead into an opportunity (prints the opportunity)", "opportunities"}},
                 .fields = fields({kDeal,
                                   {{"isArchived", T::boolean}, {"isConverted", T::boolean}, {"opportunityId", T::text}}}),
                 .example_filter = "--title cloud --archived false",
                 .example_fields = "-f title='Cloud migration' -F value.amount=25000 -f value.code=USD"});
    r.push_back({.name = "opportunities",
                 .aliases = {"opps", "opportunity", "opp"},
                 .singular = "opportunity",
                 .path = "/pipeline/opportunities",
                 .required = "title",
                 .tags_path = "/pipeline/tags/opportunities",
                 .form_path = "/pipeline/forms/opportunities",
                 .bulk_path = "/pipeline/bulk-actions",
                 .bulk_entity = "opportunity",
                 .has_status_and_stage = true,
                 .filters = {kTitle, kContactId, kOrganizationId, kTags, kOwnerId},
                 .columns = {"id", "title", "stage", "status", "value.amount", "owner.name"},
                 .names = {{"pipeline", "pipelineId", "pipelines", {"name"}, "Pipeline: its name or id"}},
                 .fields = fields({kDeal,
                                   {{"stage", T::text}, {"pipelineId", T::text}, {"status", T::text}, {"leadId", T::text},
                                    {"lostReason.reasonId", T::text}, {"lostReason.comment", T::text}}}),
                 .example_filter = "--tags strategic",
                 .example_fields = "-f title='Big deal' --pipeline 'Sales Pipeline' --stage Proposal"});
    r.push_back({.name = "pipelines",
                 .singular = "pipeline",
                 .parent = "opportunities",
                 .path = "/pipeline/pipelines/opportunities",
                 .ops = kList | kGet,
                 .columns = {"id", "name", "isDefault"}});
    r.push_back({.name = "contacts",
                 .aliases = {"contact"},
                 .singular = "contact",
                 .path = "/directory/contacts",
                 .required = "name",
                 .tags_path = "/directory/tags/contacts",
                 .form_path = "/directory/forms/contacts",
                 .bulk_path = "/directory/bulk-actions",
                 .bulk_entity = "contact",
                 .mergeable = true,
                 .filters = {{"ids", "ids", K::list, "Contact id(s)"},
                             kName,
                             {"email", "email", K::text, "Email address"},
                             {"phone", "phone", K::text, "Phone number"},
                             kTags,
                             {"organization-id", "organizationId", K::text, "Organization id"},
                             {"search", "searchValue", K::text, "Search name, email and organization name"}},
                 .columns = {"id", "name", "jobTitle", "organizationId", "owner.name"},
                 .fields = fields({kContactWays, {{"name", T::text}, {"jobTitle", T::text}, {"organizationId", T::text}}}),
                 .example_filter = "--search doe",
                 .example_fields = "-f name='Jane Doe' -f jobTitle=CTO"});
    r.push_back({.name = "orgs",
                 .aliases = {"organizations", "organization", "org"},
                 .singular = "organization",
                 .path = "/directory/organizations",
                 .required = "name",
                 .tags_path = "/directory/tags/organizations",
                 .form_path = "/directory/forms/organizations",
                 .bulk_path = "/directory/bulk-actions",
                 .bulk_entity = "organization",
                 .mergeable = true,
                 .filters = {kName, {"address", "address", K::text, "Address contains"}, kTags},
                 .columns = {"id", "name", "industry", "website", "owner.name"},
                 .fields = fields({kContactWays,
                                   {{"name", T::text}, {"industry", T::text}, {"website", T::text}, {"address", T::structured}}}),
                 .example_filter = "--name acme",
                 .example_fields = "-f name='Acme Corporation' -f industry=Technology"});
    r.push_back({.name = "cases",
                 .aliases = {"case"},
                 .singular = "case",
                 .path = "/cases/cases",
                 .required = "title",
                 .tags_path = "/cases/tags/cases",
                 .bulk_path = "/cases/bulk-actions",
                 .bulk_entity = "case",
                 .filters = {kTitle,
                             {"status", "status", K::text, "Status"},
                             {"case-type", "caseType", K::text, "Case type: its name or id (a name is looked up first)"},
                             kOwnerId, kContactId, kOrganizationId, kTags,
                             {"created-after", "createdAfterDate", K::date, "Created after: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)"},
                             {"created-before", "createdBeforeDate", K::date, "Created before: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)"},
                             {"offset", "offset", K::number, "Skip this many records"}},
                 .columns = {"id", "title", "status", "priority", "assignee.name", "createdAt"},
                 .names = {{"case-type", "caseTypeId", "types", {"label", "name"}, "Case type: its name or id"}},
                 .fields = fields({user("assignee"),
                                   {{"title", T::text}, {"description", T::text}, {"status", T::text}, {"caseTypeId", T::text},
                                    {"priority", T::text}, {"contactId", T::text}, {"organizationId", T::text}}}),
                 .example_filter = "--status open --created-after 90d",
                 .example_fields = "-f title='System outage' --case-type 'Support Request'"});
    r.push_back({.name = "types",
                 .singular = "case type",
                 .parent = "cases",
                 .path = "/cases/types/cases",
                 .required = "label",
                 .columns = {"id", "label", "createdAt"},
                 .example_fields = "-f label=Billing"});
    return r;
}

}  // namespace

const std::vector<Resource>& resources() {
    static const std::vector<Resource> table = build();
    return table;
}

const Resource* find_entity(std::string_view name) {
    for (const auto& resource : resources()) {
        if (!resource.parent.empty()) continue;
        if (resource.name == name) return &resource;
        if (std::find(resource.aliases.begin(), resource.aliases.end(), name) != resource.aliases.end())
            return &resource;
    }
    return nullptr;
}

const Resource& child_of(std::string_view parent, std::string_view name) {
    for (const auto& r : resources()) {
        if (r.parent == parent && r.name == name) return r;
    }
    throw Error(fmt::format("no resource {} {}", parent, name), kExitUnexpected);
}

std::vector<std::string> entity_names() {
    std::vector<std::string> names;
    for (const auto& resource : resources()) {
        if (resource.parent.empty()) names.push_back(resource.name);
    }
    return names;
}

std::optional<FieldType> field_type(const Resource& resource, std::string_view path) {
    for (const auto& field : resource.fields) {
        if (field.path == path) return field.type;
    }
    return std::nullopt;
}

std::string id_segment(std::string_view id) {
    if (id.find_first_not_of(" \t") == std::string_view::npos)
        throw UsageError(id.empty() ? "an id is empty; nothing sent" : "an id is blank; nothing sent");
    // "." and ".." would be resolved away as path segments: `delete ..` must not reach the parent.
    if (id == "." || id == "..") throw UsageError(fmt::format("'{}' is not an id; nothing sent", id));
    if (std::any_of(id.begin(), id.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
        throw UsageError(fmt::format("id '{}' has control characters; nothing sent", term::escape_controls(id)));
    return http::percent_encode(id);
}

std::string a_singular(const Resource& resource) {
    const bool vowel = std::string_view("aeiou").find(resource.singular.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + resource.singular;
}

std::string counted(const Resource& resource, std::size_t count) {
    return fmt::format("{} {}", count, count == 1 ? resource.singular : resource.name);
}

std::string item_path(const Resource& resource, std::string_view id) { return resource.path + "/" + id_segment(id); }

}  // namespace crm::api
