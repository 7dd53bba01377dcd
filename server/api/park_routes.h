#pragma once
// The park's routes for the dashboard (docs/dashboard-api.md):
//   GET   /api/v1/devices/facets               distinct values for the filter menus
//   GET   /api/v1/devices/retire-suggestions   ?site=&min_age=
//   POST  /api/v1/devices                      a device without an agent (technician, admin)
//   PATCH /api/v1/devices/{id}                 status, room, site, kind, built_year
//   GET   /api/v1/stats/age-pyramid            ?site=
//   GET   /api/v1/sites
//   GET   /api/v1/overview                     ?site=
// Reads for every role, writes for technicians and admins; all scoped, another
// collectivity's ids answer 404.

#include <optional>
#include <string>

#include "server/api/api.h"

namespace parc::server {

// nullopt when `request` is for none of these (GET /api/v1/devices and
// GET /api/v1/devices/{id} are devices_route.cpp's).
std::optional<HttpResponse> parkRoutes(const ApiContext& ctx, const HttpRequest& request);

// devices_write_route.cpp
HttpResponse createDeviceRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse updateDeviceRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& device_id);

}  // namespace parc::server
