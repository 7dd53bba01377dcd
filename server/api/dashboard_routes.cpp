// Dispatch of the dashboard's read paths (dashboard_routes.h).

#include "server/api/dashboard_routes.h"

#include <charconv>

#include "server/api/query_params.h"
#include "server/auth/authenticate.h"

namespace parc::server {
namespace {

constexpr std::string_view kDevicesPrefix = "/api/v1/devices/";
constexpr std::string_view kTrendsSuffix = "/trends";

// "/api/v1/devices/{id}/trends" -> id.
std::optional<std::string> trendsDevice(const std::string& path) {
  if (!path.starts_with(kDevicesPrefix) || !path.ends_with(kTrendsSuffix)) return std::nullopt;
  if (path.size() <= kDevicesPrefix.size() + kTrendsSuffix.size()) return std::nullopt;
  const std::size_t length = path.size() - kDevicesPrefix.size() - kTrendsSuffix.size();
  std::string id = path.substr(kDevicesPrefix.size(), length);
  if (id.find('/') != std::string::npos) return std::nullopt;
  return id;
}

HttpResponse onlyGet() {
  auto response = jsonError(405, "method_not_allowed", "use GET on this path");
  response.headers.emplace_back("Allow", "GET");
  return response;
}

}  // namespace

std::variant<auth::Principal, HttpResponse> dashboardReader(const ApiContext& ctx, const HttpRequest& request) {
  auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return std::move(authenticated.refusal);
  if (!auth::allowed(*authenticated.principal, auth::Action::read)) return auth::forbidden("reading is not allowed");
  return std::move(*authenticated.principal);
}

Result<std::int64_t> queryBoundedInt(const HttpRequest& request, const char* key, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max) {
  const auto text = queryValue(request, key);
  const std::string expected = std::string(key) + ": expected a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max);
  if (!text) return fallback;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [stop, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc() || stop != end || value < min || value > max) return makeError(expected);
  return value;
}

std::optional<HttpResponse> dashboardRoutes(const ApiContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  const auto trends = trendsDevice(path);
  const bool ours = trends || path == "/api/v1/rooms" || path == "/api/v1/rooms/view" ||
                    path == "/api/v1/stats/alerts-weekly" || path == "/api/v1/exports/alerts" ||
                    path == "/api/v1/exports/interventions";
  if (!ours) return std::nullopt;
  if (request.method != "GET") return onlyGet();
  auto reader = dashboardReader(ctx, request);
  if (auto* refusal = std::get_if<HttpResponse>(&reader)) return std::move(*refusal);
  const auth::Principal& who = std::get<auth::Principal>(reader);
  if (trends) return deviceTrendsRoute(ctx, request, who, *trends);
  if (path == "/api/v1/rooms") return roomsRoute(ctx, request, who);
  if (path == "/api/v1/rooms/view") return roomViewRoute(ctx, request, who);
  if (path == "/api/v1/stats/alerts-weekly") return alertsWeeklyRoute(ctx, request, who);
  if (path == "/api/v1/exports/alerts") return exportAlertsRoute(ctx, request, who);
  return exportInterventionsRoute(ctx, request, who);
}

}  // namespace parc::server
