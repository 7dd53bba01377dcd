// POST /api/v1/login, POST /api/v1/logout, GET /api/v1/me.
//
// A wrong password, an unknown email and a disabled account get the same answer
// after the same work (scrypt runs against a decoy hash for unknown emails).
// Failures are limited per account and per address; while locked, even the right
// password is refused with 429 and Retry-After.

#include <nlohmann/json.hpp>

#include "server/api/login_request.h"
#include "server/api/people_json.h"
#include "server/api/people_routes.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/auth/cookies.h"
#include "server/auth/login_guard.h"
#include "server/auth/password_hash.h"

namespace parc::server {
namespace {

using nlohmann::json;

HttpResponse invalidCredentials() {
  return jsonError(401, "invalid_credentials", "wrong email or password");
}

HttpResponse tooManyAttempts(std::chrono::seconds retry_after) {
  auto response = jsonError(429, "too_many_attempts", "too many failed logins; try again later");
  response.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
  return response;
}

void auditLogin(const ApiContext& ctx, const HttpRequest& request, const std::string& action,
                const std::string& email, const OptString& collectivity_id, OptString detail = {}) {
  AuditEntry entry;
  entry.action = action;
  entry.actor = email;
  entry.collectivity_id = collectivity_id;
  entry.detail = std::move(detail);
  auth::recordAudit(ctx, request, std::move(entry));
}

// Runs scrypt whether or not the user exists; true only for an active user whose
// password matches.
bool checkPassword(const ApiContext& ctx, const std::optional<UserLogin>& login, const std::string& password) {
  const bool matches = auth::verifyPassword(password, login ? login->password_hash : ctx.login->decoyHash());
  return matches && login && !login->user.disabled_at;
}

HttpResponse startSession(const ApiContext& ctx, const HttpRequest& request, const User& user) {
  const TimePoint now = ctx.clock();
  auto session = ctx.store.createSession(user.id, now, now + ctx.options.people.session_lifetime);
  if (!session) {
    ctx.logger->error("login of {}: session not created: {}", user.email, session.error());
    return jsonError(503, "unavailable", "the session could not be created; try again");
  }
  auditLogin(ctx, request, "login", user.email, user.scope.collectivity_id);
  json body = {{"user", userJson(user)}, {"csrf_token", session->csrf_token},
               {"expires_at", formatRfc3339(session->expires_at)}};
  auto response = jsonBody(200, body);
  response.headers.emplace_back("Set-Cookie",
                                auth::sessionCookie(session->session_id, ctx.options.people.session_lifetime));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

HttpResponse loginRoute(const ApiContext& ctx, const HttpRequest& request) {
  auto credentials = parseCredentials(request.header("Content-Type"), request.body);
  if (!credentials) return jsonError(400, "invalid_request", credentials.error());
  auth::LoginLimiter& limiter = ctx.login->limiter();
  if (const auto wait = limiter.retryAfter(credentials->email, request.remote_address)) {
    auditLogin(ctx, request, "login_failed", credentials->email, std::nullopt, "locked");
    return tooManyAttempts(*wait);
  }
  const auto login = ctx.store.findLogin(credentials->email);
  if (!checkPassword(ctx, login, credentials->password)) {
    limiter.recordFailure(credentials->email, request.remote_address);
    auditLogin(ctx, request, "login_failed", credentials->email,
               login ? login->user.scope.collectivity_id : OptString{});
    return invalidCredentials();
  }
  limiter.recordSuccess(credentials->email);
  return startSession(ctx, request, login->user);
}

HttpResponse logoutRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (authenticated.principal->via != auth::Via::session) {
    return jsonError(400, "invalid_request", "logout ends a session; revoke a token with DELETE /api/v1/tokens/{id}");
  }
  const auto cookie = auth::cookieValue(request.header("Cookie"), auth::kSessionCookie);
  if (auto status = ctx.store.endSession(cookie.value_or(""), ctx.clock()); !status) {
    return jsonError(503, "unavailable", "the session could not be ended; try again");
  }
  auth::recordAudit(ctx, request, *authenticated.principal, {"logout", authenticated.principal->user_id, {}});
  auto response = jsonBody(200, json{{"status", "logged_out"}});
  response.headers.emplace_back("Set-Cookie", auth::clearedSessionCookie());
  return response;
}

HttpResponse meRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  json body = principalJson(*authenticated.principal);
  // A page reloaded in the browser gets its CSRF token back from here.
  if (authenticated.principal->via == auth::Via::session) body["csrf_token"] = authenticated.principal->csrf_token;
  auto response = jsonBody(200, body);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace parc::server
