#include "server/api/api.h"

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

Api::Api(Store& store, ApiOptions options, Clock clock, Logger logger)
    : store_(store), options_(std::move(options)), clock_(std::move(clock)), logger_(std::move(logger)),
      login_(std::make_shared<auth::LoginGuard>(options_.people.login, clock_)) {}

HttpResponse Api::handle(const HttpRequest& request) const {
  const ApiContext ctx{store_, options_, clock_, logger_, login_.get()};
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
  if (auto response = peopleRoutes(ctx, request)) return std::move(*response);
  if (path == "/api/v1/devices") {
    return method == "GET" ? listDevicesRoute(ctx, request) : methodNotAllowed("GET");
  }
  if (path.starts_with(kDevicesPrefix) && path.size() > kDevicesPrefix.size() &&
      path.find('/', kDevicesPrefix.size()) == std::string::npos) {
    if (method != "GET") return methodNotAllowed("GET");
    return getDeviceRoute(ctx, request, path.substr(kDevicesPrefix.size()));
  }
  return jsonError(404, "not_found", "no such route: " + path.substr(0, 200));
}

}  // namespace parc::server
