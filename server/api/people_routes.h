#pragma once
// The people's routes, one file per group, dispatched by peopleRoutes (api.h).

#include <string>

#include "server/api/api.h"

namespace parc::server {

HttpResponse loginRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse logoutRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse meRoute(const ApiContext& ctx, const HttpRequest& request);
// POST /api/v1/me/password (password_route.cpp).
HttpResponse changePasswordRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse createTokenRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse listTokensRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse revokeTokenRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& token_id);
HttpResponse auditRoute(const ApiContext& ctx, const HttpRequest& request);

}  // namespace parc::server
