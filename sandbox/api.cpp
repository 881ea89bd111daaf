#include "api.h"

#include "routes.h"

namespace sandbox {

Api::Api(Store& store, const ListPolicy& lists) {
    add_pipeline_routes(router_, store, lists);
    add_directory_routes(router_, store, lists);
    add_cases_routes(router_, store, lists);
}

}  // namespace sandbox
