#include "seed.h"

#include "clock.h"
#include "json_util.h"
#include "routes.h"

#include <array>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace sandbox {
namespace {

struct Rng {  // splitmix64: tiny, fast, the same everywhere
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    template <class T, size_t N>
    const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
};

constexpr std::array<const char*, 24> kFirst{"Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia",
    "Lucas", "Mia", "Ethan", "Amelia", "Hugo", "Chloe", "Leo", "Zoe", "Adam", "Ines", "Omar", "Yuki",
    "Priya", "Lars", "Sofia", "Kenji", "Nora"};
constexpr std::array<const char*, 24> kLast{"Smith", "Johnson", "Garcia", "Martin", "Dubois", "Muller",
    "Rossi", "Kowalski", "Tanaka", "Patel", "Nguyen", "Silva", "Kim", "Lopez", "Brown", "Wilson",
    "Moreau", "Jensen", "Novak", "Haddad", "Costa", "Fischer", "Larsen", "Okafor"};
constexpr std::array<const char*, 16> kCompanyA{"Acme", "Blue", "Nova", "Apex", "Green", "Quantum",
    "Silver", "Bright", "North", "Summit", "Vertex", "Orbit", "Cedar", "Pioneer", "Atlas", "Harbor"};
constexpr std::array<const char*, 12> kCompanyB{"Systems", "Labs", "Logistics", "Foods", "Energy",
    "Health", "Media", "Finance", "Robotics", "Retail", "Consulting", "Networks"};
constexpr std::array<const char*, 6> kSuffix{"Inc", "LLC", "Ltd", "GmbH", "SAS", "Corp"};
constexpr std::array<const char*, 10> kCity{"Springfield", "Rivertown", "Lakeside", "Fairview",
    "Greenville", "Madison", "Georgetown", "Clinton", "Salem", "Bristol"};
constexpr std::array<const char*, 10> kStreet{"Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Lake",
    "Hill", "Park", "River"};
constexpr std::array<const char*, 8> kIndustry{"Technology", "Manufacturing", "Healthcare", "Retail",
    "Finance", "Education", "Logistics", "Energy"};
constexpr std::array<const char*, 4> kSize{"1_small", "2_small_medium", "3_medium", "4_large"};
constexpr std::array<const char*, 5> kOrigin{"website", "referral", "partner", "inbound", "other"};
constexpr std::array<const char*, 3> kRating{"1_cold", "2_warm", "3_hot"};
constexpr std::array<const char*, 10> kService{"Cloud Migration", "Data Platform", "Security Audit",
    "CRM Rollout", "Support Contract", "Office Fit-out", "Fleet Renewal", "Training Program",
    "Website Redesign", "License Upgrade"};
constexpr std::array<const char*, 6> kJob{"CEO", "CTO", "Buyer", "Project Manager", "Engineer", "Office Manager"};
constexpr std::array<const char*, 8> kIssue{"Cannot log in", "Invoice question", "Delivery delayed",
    "Feature request", "System outage", "Data export fails", "Password reset", "Billing error"};
constexpr std::array<const char*, 3> kCaseStatus{"open", "in-progress", "closed"};
constexpr std::array<const char*, 3> kPriority{"1_high", "2_medium", "3_low"};
constexpr std::array<const char*, 3> kOppStatus{"open", "won", "lost"};
constexpr std::array<const char*, 5> kStages{"stage-new", "stage-qualified", "stage-xyz",
    "395f9a11-c7d5-4d91-b4bb-8c964cf8d329", "stage-closing"};
constexpr std::array<const char*, 6> kColors{"#ff0000", "#00a651", "#0066cc", "#ff7a00", "#800080", "#4b0082"};

std::string q(std::string_view s) { return json_quote(s); }

struct Seeder {
    explicit Seeder(Store& st) : s(st) {}
    Store& s;
    Rng rng{0x5eed5eed5eedULL};
    int64_t clock_ms = *parse_iso("2024-01-01T08:00:00Z");
    std::vector<std::string> org_ids, org_names, contact_ids;
    std::map<std::string, std::vector<std::string>> tag_json;  // entity → tag objects

    std::string stamp() {
        clock_ms += 1000 + static_cast<int64_t>(rng.below(60000));
        std::string t = format_iso(clock_ms);
        return fmt::format("\"createdAt\":{0},\"createdOn\":{0},\"updatedAt\":{0}", q(t));
    }
    std::string user(size_t i) {
        return fmt::format("{{\"id\":\"user-{:03}\",\"name\":\"{} {}\",\"email\":\"{}.{}@example.com\"}}", i,
                           kFirst[i % kFirst.size()], kLast[(i * 7) % kLast.size()],
                           ascii_lower(kFirst[i % kFirst.size()]), ascii_lower(kLast[(i * 7) % kLast.size()]));
    }
    std::string owner() { return user(rng.below(8)); }
    std::string tags(const std::string& entity) {
        auto& all = tag_json[entity];
        if (all.empty() || rng.below(3) == 0) return "[]";
        std::string out = "[" + all[rng.below(all.size())];
        if (rng.below(4) == 0) {
            const std::string& second = all[rng.below(all.size())];
            if (out.find(second) == std::string::npos) out += "," + second;
        }
        return out + "]";
    }
    std::string put(const char* coll, const std::string& fields) {
        std::string id = s.next_id(coll);
        s.put(coll, id, "{\"id\":" + q(id) + "," + fields + "}");
        return id;
    }
    std::string org_ref() { return org_ids.empty() ? "" : org_ids[rng.below(org_ids.size())]; }
    std::string contact_ref() { return contact_ids.empty() ? "" : contact_ids[rng.below(contact_ids.size())]; }
    std::string links() {
        std::string out;
        if (!org_ids.empty()) out += ",\"organizationId\":" + q(org_ref());
        if (!contact_ids.empty()) out += ",\"contactId\":" + q(contact_ref());
        return out;
    }
};

}  // namespace

SeedCounts seed_records(Store& store, int64_t n) {
    SeedCounts c;
    if (n <= 0) return c;
    c.organizations = n / 10;
    c.contacts = n * 3 / 10;
    c.leads = n / 4;
    c.opportunities = n / 5;
    c.cases = n - c.organizations - c.contacts - c.leads - c.opportunities;
    store.atomically([&] {
        Seeder sd(store);
        const std::pair<const char*, std::array<const char*, 3>> tag_sets[] = {
            {"leads", {"hot", "enterprise", "follow-up"}},
            {"opportunities", {"strategic-account", "renewal", "upsell"}},
            {"contacts", {"newsletter-subscriber", "decision-maker", "vip"}},
            {"organizations", {"customer", "partner", "non-profit"}},
            {"cases", {"billing-issue", "escalated", "bug"}}};
        for (const auto& [entity, labels] : tag_sets) {
            for (const char* label : labels) {
                std::string color = sd.rng.pick(kColors);
                std::string coll = std::string("tags_") + entity;
                std::string fields = fmt::format("\"label\":{},\"color\":{},{}", q(label), q(color), sd.stamp());
                std::string id = sd.put(coll.c_str(), fields);
                sd.tag_json[entity].push_back(
                    fmt::format("{{\"id\":{},\"label\":{},\"color\":{}}}", q(id), q(label), q(color)));
                ++c.tags;
            }
        }
        for (int64_t i = 0; i < c.organizations; ++i) {
            std::string name = fmt::format("{} {} {}", sd.rng.pick(kCompanyA), sd.rng.pick(kCompanyB), sd.rng.pick(kSuffix));
            std::string slug = ascii_lower(name.substr(0, name.find(' '))) + std::to_string(i);
            std::string fields = fmt::format(
                "\"name\":{},\"address\":\"{} {} Street, {}\",\"email\":[{{\"label\":\"Main\",\"value\":\"info@{}.com\",\"primary\":true}}],"
                "\"phone\":[{{\"label\":\"Office\",\"value\":\"+1-555-{:03}-{:04}\",\"primary\":true}}],\"industry\":{},"
                "\"size\":{},\"website\":\"https://www.{}.com\",\"note\":\"\",\"owner\":{},\"tags\":{},\"customFields\":{{}},{}",
                q(name), 1 + sd.rng.below(999), sd.rng.pick(kStreet), sd.rng.pick(kCity), slug, sd.rng.below(1000),
                sd.rng.below(10000), q(sd.rng.pick(kIndustry)), q(sd.rng.pick(kSize)), slug, sd.owner(),
                sd.tags("organizations"), sd.stamp());
            sd.org_ids.push_back(sd.put(kOrganizations, fields));
        }
        for (int64_t i = 0; i < c.contacts; ++i) {
            std::string first = sd.rng.pick(kFirst), last = sd.rng.pick(kLast);
            std::string fields = fmt::format(
                "\"name\":\"{} {}\",\"email\":[{{\"label\":\"Work\",\"value\":\"{}.{}{}@example.com\",\"primary\":true}}],"
                "\"phone\":[{{\"label\":\"Mobile\",\"value\":\"+1555{:07}\",\"primary\":true}}],\"jobTitle\":{},"
                "\"owner\":{},\"tags\":{},\"customFields\":{{}}{},{}",
                first, last, ascii_lower(first), ascii_lower(last), i, sd.rng.below(10000000), q(sd.rng.pick(kJob)),
                sd.owner(), sd.tags("contacts"),
                sd.org_ids.empty() ? "" : ",\"organizationId\":" + q(sd.org_ref()), sd.stamp());
            sd.contact_ids.push_back(sd.put(kContacts, fields));
        }
        for (int64_t i = 0; i < c.leads; ++i) {
            std::string fields = fmt::format(
                "\"title\":\"{} - lead {}\",\"value\":{{\"amount\":{},\"code\":\"USD\"}},\"origin\":{},\"leadRating\":{},"
                "\"note\":\"Generated lead.\",\"owner\":{},\"tags\":{},\"isArchived\":{},\"isConverted\":false,"
                "\"customFields\":{{}}{},{}",
                sd.rng.pick(kService), i + 1, 1000 * (1 + sd.rng.below(200)), q(sd.rng.pick(kOrigin)),
                q(sd.rng.pick(kRating)), sd.owner(), sd.tags("leads"), sd.rng.below(20) == 0 ? "true" : "false",
                sd.links(), sd.stamp());
            sd.put(kLeads, fields);
        }
        for (int64_t i = 0; i < c.opportunities; ++i) {
            std::string fields = fmt::format(
                "\"title\":\"{} - opportunity {}\",\"value\":{{\"amount\":{},\"code\":\"USD\"}},\"stage\":{},"
                "\"pipelineId\":{},\"status\":{},\"origin\":{},\"leadRating\":{},\"note\":\"\",\"owner\":{},"
                "\"tags\":{},\"customFields\":{{}}{},{}",
                sd.rng.pick(kService), i + 1, 1000 * (1 + sd.rng.below(500)), q(sd.rng.pick(kStages)),
                q(kDefaultPipelineId), q(sd.rng.pick(kOppStatus)), q(sd.rng.pick(kOrigin)), q(sd.rng.pick(kRating)),
                sd.owner(), sd.tags("opportunities"), sd.links(), sd.stamp());
            sd.put(kOpportunities, fields);
        }
        for (int64_t i = 0; i < c.cases; ++i) {
            std::string fields = fmt::format(
                "\"title\":\"{} #{}\",\"description\":\"Reported by the customer.\",\"status\":{},\"caseTypeId\":\"1\","
                "\"priority\":{},\"assignee\":{},\"owner\":{},\"tags\":{},\"customFields\":{{}}{},{}",
                sd.rng.pick(kIssue), i + 1, q(sd.rng.pick(kCaseStatus)), q(sd.rng.pick(kPriority)), sd.owner(),
                sd.owner(), sd.tags("cases"), sd.links(), sd.stamp());
            sd.put(kCases, fields);
        }
    });
    store.refresh_statistics();
    return c;
}

}  // namespace sandbox
