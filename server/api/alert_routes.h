#pragma once
// The alerts' routes (alert_routes.cpp, alert_actions_route.cpp):
//   GET  /api/v1/alerts                      filters site, room, device, rule, severity, state; limit, cursor
//   GET  /api/v1/alerts/{id}                 with its procedure sheet, events, notes, interventions
//   POST /api/v1/alerts/{id}/acknowledge     technicians and admins
//   POST /api/v1/alerts/{id}/resolve         {"note"} required
//   POST /api/v1/alerts/{id}/notes           {"text"}
//   POST /api/v1/interventions               {"alert_id" | "device_id", "what", "minutes"}
//   GET  /api/v1/interventions/summary       ?site=&month=YYYY-MM
//   GET  /api/v1/alert-rules                 the rules, the caller's collectivity's settings
// Everything is scoped; another collectivity's ids answer 404.

#include <optional>
#include <string>

#include "server/api/api.h"
#include "server/auth/principal.h"

namespace parc::server {

// The filters of GET /api/v1/alerts (site, room, device, rule, severity, state),
// without limit and cursor; the alerts export reads the same.
AlertFilter alertFilterFromQuery(const HttpRequest& request);

// nullopt when `request` is for none of these paths.
std::optional<HttpResponse> alertRoutes(const ApiContext& ctx, const HttpRequest& request);

HttpResponse alertActionRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& alert_id,
                              const std::string& action);
HttpResponse createInterventionRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse interventionSummaryRoute(const ApiContext& ctx, const HttpRequest& request);

}  // namespace parc::server
