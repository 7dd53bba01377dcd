#include "server/api/device_filter_params.h"

#include <cstdlib>

#include "server/api/query_params.h"
#include "server/store/park_vocabulary.h"

namespace parc::server {
namespace {

constexpr std::size_t kMaxValueBytes = 200;
constexpr std::size_t kMaxCursorBytes = 4096;

Result<OptInt> readYears(const HttpRequest& request, const char* key) {
  const auto text = queryValue(request, key);
  if (!text) return OptInt();
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  // Digits only: strtoll alone would take "+5", " 5" and "-0".
  if (text->find_first_not_of("0123456789") != std::string::npos || *end != '\0' || text->size() > 3 ||
      value < 0 || value > kMaxAgeYears) {
    return makeError(std::string(key) + ": expected a whole number of years from 0 to 100");
  }
  return OptInt(value);
}

Status checkLength(const OptString& value, const char* key) {
  if (value && value->size() > kMaxValueBytes) return makeError(std::string(key) + ": at most 200 bytes");
  return {};
}

}  // namespace

Result<DeviceFilter> readDeviceFilter(const HttpRequest& request) {
  DeviceFilter filter;
  const std::pair<const char*, OptString*> texts[] = {
      {"site", &filter.site_id}, {"room", &filter.room},   {"kind", &filter.kind},
      {"status", &filter.status}, {"manufacturer", &filter.manufacturer}, {"model", &filter.model},
      {"os", &filter.os},         {"q", &filter.q}};
  for (const auto& [key, target] : texts) {
    *target = queryValue(request, key);
    if (auto checked = checkLength(*target, key); !checked) return makeError(checked.error());
  }
  auto age_min = readYears(request, "age_min");
  if (!age_min) return makeError(age_min.error());
  auto age_max = readYears(request, "age_max");
  if (!age_max) return makeError(age_max.error());
  filter.age_min = *age_min;
  filter.age_max = *age_max;
  if (const auto sort = queryValue(request, "sort")) {
    const auto choice = parseDeviceSort(*sort);
    if (!choice) {
      return makeError("sort: expected one of hostname kind status manufacturer model os last_seen_at age "
                       "site room, with '-' in front for descending");
    }
    filter.sort = choice->key;
    filter.descending = choice->descending;
  }
  return filter;
}

Result<DeviceFilter> readDevicePageFilter(const HttpRequest& request) {
  auto filter = readDeviceFilter(request);
  if (!filter) return filter;
  const auto limit = queryLimit(request, filter->limit);
  if (!limit || *limit > kMaxListLimit) return makeError("limit: expected a whole number from 1 to 500");
  filter->limit = *limit;
  filter->cursor = queryValue(request, "cursor");
  if (filter->cursor && filter->cursor->size() > kMaxCursorBytes) return makeError("cursor: invalid");
  return filter;
}

}  // namespace parc::server
