#pragma once
// Reading query parameters the same way on every route.

#include <cstdint>

#include "server/http/http_message.h"
#include "shared/report.h"
#include "shared/result.h"

namespace parc::server {

// The value of `key`, or nullopt when absent or empty.
OptString queryValue(const HttpRequest& request, const char* key);

// `limit`: a whole number from 1 to 1000; `fallback` when absent. The error is the
// detail of a 400.
Result<std::int64_t> queryLimit(const HttpRequest& request, std::int64_t fallback = 100);

}  // namespace parc::server
