#pragma once
// The dashboard's reads (docs/dashboard-api.md), every role, scoped:
//   GET /api/v1/rooms?site=ID                       room_routes.cpp
//   GET /api/v1/rooms/view?site=ID[&room=NAME]      (no room: devices without one)
//   GET /api/v1/devices/{id}/trends[?days=90]       trends_route.cpp
//   GET /api/v1/stats/alerts-weekly[?weeks=12&site=ID]   stats_routes.cpp
//   GET /api/v1/exports/alerts?format=csv&<filters of GET /api/v1/alerts>
//   GET /api/v1/exports/interventions?format=csv[&site=ID&from=DATE&to=DATE]
//                                                   activity_exports_route.cpp
// Another collectivity's site or device answers 404, like an unknown one.

#include <optional>
#include <string>
#include <variant>

#include "server/api/api.h"
#include "server/auth/principal.h"

namespace parc::server {

// nullopt when `request` is for none of these paths.
std::optional<HttpResponse> dashboardRoutes(const ApiContext& ctx, const HttpRequest& request);

// The person reading (any role), or the 401/403 that refuses the request.
std::variant<auth::Principal, HttpResponse> dashboardReader(const ApiContext& ctx, const HttpRequest& request);

HttpResponse roomsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who);
HttpResponse roomViewRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who);
HttpResponse deviceTrendsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who,
                               const std::string& device_id);
HttpResponse alertsWeeklyRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who);
HttpResponse exportAlertsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who);
HttpResponse exportInterventionsRoute(const ApiContext& ctx, const HttpRequest& request,
                                      const auth::Principal& who);

// A whole number in [min, max] from the query, `fallback` when absent; the error
// is the detail of a 400.
Result<std::int64_t> queryBoundedInt(const HttpRequest& request, const char* key, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max);

}  // namespace parc::server
