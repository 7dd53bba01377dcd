#pragma once
// The device filters and sort of GET /api/v1/devices, read from the query string
// once for every route that lists devices (the list and the inventory export),
// so an export holds exactly what the table shows.

#include "server/http/http_message.h"
#include "server/store/store.h"
#include "shared/result.h"

namespace parc::server {

inline constexpr std::int64_t kMaxListLimit = 500;
inline constexpr std::int64_t kMaxAgeYears = 100;

// site, room, kind, status, manufacturer, model, os, q, age_min, age_max, sort.
// Limit and cursor are left at their defaults. The error is the detail of a 400.
Result<DeviceFilter> readDeviceFilter(const HttpRequest& request);

// The same with `limit` (1-500, default 100) and `cursor`: one page of the list.
Result<DeviceFilter> readDevicePageFilter(const HttpRequest& request);

}  // namespace parc::server
