#include "server/api/api.h"

#include "server/api/alert_routes.h"
#include "server/api/dashboard_routes.h"
#include "server/api/notifications_route.h"
#include "server/api/park_routes.h"
#include "server/auth/agent_auth_cache.h"
#include "server/auth/login_guard.h"

namespace parc::server {
namespace {

constexpr std::string_view kDevicesPrefix = "/api/v1/devices/";

HttpResponse methodNotAllowed(std::string_view allowed) {
  auto response = jsonError(405, "method_not_allowed", "use " + std::string(allowed) + " on this path");
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

}  // namespace

Api::Api(Store& store, ApiOptions options, Clock clock, Logger logger, feed::Feed* feed)
    : store_(store), options_(std::move(options)), clock_(std::move(clock)), logger_(std::move(logger)),
      login_(std::make_shared<auth::LoginGuard>(options_.people.login, clock_)),
      agent_auth_(std::make_shared<auth::AgentAuthCache>()), feed_(feed) {}

HttpResponse Api::handle(const HttpRequest& request) const {
  const ApiContext ctx{store_, options_, clock_, logger_, login_.get(), feed_, agent_auth_.get()};
  const std::string& path = request.path;
  const std::string& method = request.method;

  if (path == "/healthz") {
    if (method != "GET" && method != "HEAD") return methodNotAllowed("GET");
    return HttpResponse{200, "application/json", R"({"status":"ok"})", {}};
  }
  if (path == "/api/v1/enroll") {
    return method == "POST" ? enrollRoute(ctx, request) : methodNotAllowed("POST");
  }
  if (path == "/api/v1/ca") {
    return method == "GET" ? caRoute(ctx) : methodNotAllowed("GET");
  }
  if (path == "/api/v1/reports") {
    return method == "POST" ? reportsRoute(ctx, request) : methodNotAllowed("POST");
  }
  if (path == "/api/v1/feed") {
    return method == "GET" ? feedRoute(ctx, request) : methodNotAllowed("GET");
  }
  if (path == "/api/v1/notifications") {
    return method == "GET" ? notificationsRoute(ctx, request) : methodNotAllowed("GET");
  }
  if (auto response = peopleRoutes(ctx, request)) return std::move(*response);
  if (auto response = alertRoutes(ctx, request)) return std::move(*response);
  if (auto response = parkRoutes(ctx, request)) return std::move(*response);  // before /devices below
  if (auto response = dashboardRoutes(ctx, request)) return std::move(*response);
  if (path == "/api/v1/devices") {
    return method == "GET" ? listDevicesRoute(ctx, request) : methodNotAllowed("GET");
  }
  if (path == "/api/v1/exports/inventory") {
    return method == "GET" ? exportInventoryRoute(ctx, request) : methodNotAllowed("GET");
  }
  if (path == "/api/v1/imports") {
    return method == "POST" ? importDevicesRoute(ctx, request) : methodNotAllowed("POST");
  }
  if (path.starts_with(kDevicesPrefix) && path.size() > kDevicesPrefix.size() &&
      path.find('/', kDevicesPrefix.size()) == std::string::npos) {
    if (method != "GET") return methodNotAllowed("GET");
    return getDeviceRoute(ctx, request, path.substr(kDevicesPrefix.size()));
  }
  return jsonError(404, "not_found", "no such route: " + path.substr(0, 200));
}

}  // namespace parc::server
