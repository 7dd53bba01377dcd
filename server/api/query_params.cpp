#include "server/api/query_params.h"

#include <cstdlib>

namespace parc::server {

OptString queryValue(const HttpRequest& request, const char* key) {
  const auto it = request.query.find(key);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<std::int64_t> queryLimit(const HttpRequest& request, std::int64_t fallback) {
  const auto text = queryValue(request, "limit");
  if (!text) return fallback;
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (*end != '\0' || value < 1 || value > 1000) {
    return makeError("limit: expected a whole number from 1 to 1000");
  }
  return static_cast<std::int64_t>(value);
}

}  // namespace parc::server
