// A batch: the ids of one bulk request, numbered so the journal can name it.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace crm::bulk {

struct Batch {
    size_t number = 0;  // unique within a journal, across runs: 1, 2, 3 …
    std::vector<std::string> ids;
    size_t split_from = 0;  // a half of a rejected batch: that batch's number; 0 otherwise
};

// Consecutive batches of at most `size` ids, numbered from `first_number`.
std::vector<Batch> make_batches(const std::vector<std::string>& ids, size_t size, size_t first_number);

}  // namespace crm::bulk
