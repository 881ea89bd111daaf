// The sandbox's storage, behind a small interface: collections of JSON records keyed by string
// ids. The store indexes the fields that lists filter and sort on; routes never see SQL.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sandbox {

// The record fields a list can filter on (each is indexed by the store).
enum class Field {
    Id,              // the record id
    Name,            // title / name / label, case-insensitive
    ContactId,       // contactId or contact.id
    OrganizationId,  // organizationId or organization.id
    OwnerId,         // owner.id
    Status,          // status
    CaseTypeId,      // caseTypeId
    Email,           // every email value
    Phone,           // every phone value
    Address,         // address
    IsArchived,
    IsConverted,
    CreatedAt,
};

struct Condition {
    enum class Kind {
        AnyOf,        // field equals one of values (exact)
        Contains,     // field contains values[0], case-insensitive
        Tags,         // the record has a tag whose label or id is one of values (case-insensitive)
        IsTrue,       // boolean field == flag
        After,        // field >= values[0] (ISO 8601 strings compare in time order)
        Before,       // field <= values[0]
        Search,       // name, email or organization name contains values[0]
    };
    Kind kind;
    Field field = Field::Id;
    std::vector<std::string> values;
    bool flag = false;
};

struct ListQuery {
    std::vector<Condition> where;
    std::string order_by;  // empty: creation order; otherwise a top-level field name
    bool descending = false;
    int64_t offset = 0;
    int64_t limit = 100;
    bool count_total = true;  // false: ListResult::total is left 0
};

struct ListResult {
    size_t count = 0;   // records appended to the caller's text
    int64_t total = 0;  // records matching `where`, all pages
};

class Store {
public:
    virtual ~Store() = default;

    // A fresh id for a collection (never reused, even after deletes or restarts).
    virtual std::string next_id(const std::string& coll) = 0;
    virtual std::optional<std::string> get(const std::string& coll, const std::string& id) = 0;
    // Inserts or replaces the record; json must be an object with "id" equal to id.
    virtual void put(const std::string& coll, const std::string& id, const std::string& json) = 0;
    virtual bool remove(const std::string& coll, const std::string& id) = 0;
    // Appends the page's record JSON texts to out, joined by commas (the inside of a JSON
    // array): they go from the database into the response without a string per record.
    virtual ListResult list(const std::string& coll, const ListQuery& q, std::string& out) = 0;
    // Ids of the records of coll whose field is one of values (used by merges).
    virtual std::vector<std::string> find_ids(const std::string& coll, Field field,
                                              const std::vector<std::string>& values) = 0;
    virtual int64_t count(const std::string& coll) = 0;

    // Runs fn as one atomic, durable unit (nested calls join the outer one). Every single
    // operation above is atomic by itself; use this for read-modify-write sequences.
    virtual void atomically(const std::function<void()>& fn) = 0;

    // After a bulk load (seeding): let the store refresh what its query planner knows.
    virtual void refresh_statistics() {}
};

}  // namespace sandbox
