#include "server/api/people_routes.h"

namespace parc::server {
namespace {

constexpr std::string_view kTokensPrefix = "/api/v1/tokens/";

HttpResponse wrongMethod(std::string_view allowed) {
  auto response = jsonError(405, "method_not_allowed", "use " + std::string(allowed) + " on this path");
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

std::optional<std::string> tokenIdOf(const std::string& path) {
  if (!path.starts_with(kTokensPrefix) || path.size() == kTokensPrefix.size()) return std::nullopt;
  if (path.find('/', kTokensPrefix.size()) != std::string::npos) return std::nullopt;
  return path.substr(kTokensPrefix.size());
}

}  // namespace

std::optional<HttpResponse> peopleRoutes(const ApiContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  if (path == "/api/v1/login") return method == "POST" ? loginRoute(ctx, request) : wrongMethod("POST");
  if (path == "/api/v1/logout") return method == "POST" ? logoutRoute(ctx, request) : wrongMethod("POST");
  if (path == "/api/v1/me") return method == "GET" ? meRoute(ctx, request) : wrongMethod("GET");
  if (path == "/api/v1/me/password") {
    return method == "POST" ? changePasswordRoute(ctx, request) : wrongMethod("POST");
  }
  if (path == "/api/v1/audit") return method == "GET" ? auditRoute(ctx, request) : wrongMethod("GET");
  if (path == "/api/v1/tokens") {
    if (method == "GET") return listTokensRoute(ctx, request);
    if (method == "POST") return createTokenRoute(ctx, request);
    return wrongMethod("GET, POST");
  }
  if (const auto token_id = tokenIdOf(path)) {
    return method == "DELETE" ? revokeTokenRoute(ctx, request, *token_id) : wrongMethod("DELETE");
  }
  return std::nullopt;
}

}  // namespace parc::server
