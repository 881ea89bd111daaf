#include "bulk/batch.h"

#include <algorithm>

namespace crm::bulk {

std::vector<Batch> make_batches(const std::vector<std::string>& ids, size_t size, size_t first_number) {
    std::vector<Batch> batches;
    size = std::max<size_t>(size, 1);
    for (size_t begin = 0; begin < ids.size(); begin += size) {
        auto end = std::min(begin + size, ids.size());
        batches.push_back({first_number + batches.size(),
                           std::vector<std::string>(ids.begin() + static_cast<std::ptrdiff_t>(begin),
                                                    ids.begin() + static_cast<std::ptrdiff_t>(end))});
    }
    return batches;
}

}  // namespace crm::bulk
