// The one error type of the sandbox: an HTTP status, a message and (for 400s) the field at fault.
#pragma once
#include <stdexcept>
#include <string>

namespace sandbox {

struct ApiError : std::runtime_error {
    int status;
    std::string field;
    ApiError(int status_code, const std::string& message, std::string field_name = {})
        : std::runtime_error(message), status(status_code), field(std::move(field_name)) {}
};

inline ApiError bad_request(const std::string& field, const std::string& message) {
    return ApiError(400, message, field);
}
inline ApiError not_found(const std::string& what) { return ApiError(404, what + " not found"); }

}  // namespace sandbox
