#include "api.h"

#include "routes.h"

namespace sandbox {

Api::Api(Store& store) {
    add_pipeline_routes(router_, store);
    add_directory_routes(router_, store);
    add_cases_routes(router_, store);
}

}  // namespace sandbox
