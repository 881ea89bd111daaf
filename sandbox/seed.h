// --seed-records N: realistic, deterministic records across all entities.
#pragma once
#include "store.h"

#include <cstdint>

namespace sandbox {

struct SeedCounts {
    int64_t organizations = 0, contacts = 0, leads = 0, opportunities = 0, cases = 0, tags = 0;
};

// Splits n over the entities (10% organizations, 30% contacts, 25% leads, 20% opportunities,
// the rest cases) plus a few tags per entity, all in one transaction. The same n always gives
// the same data (only ids depend on what the store already held).
SeedCounts seed_records(Store& store, int64_t n);

}  // namespace sandbox
