#pragma once
// The body of POST /api/v1/login: JSON {"email", "password"} or an HTML form
// (application/x-www-form-urlencoded). Pure: no I/O, no logging.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::server {

struct Credentials {
  std::string email, password;
};

inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Errors name the field and the reason; the password never appears in them.
Result<Credentials> parseCredentials(std::string_view content_type, std::string_view body);

}  // namespace parc::server
