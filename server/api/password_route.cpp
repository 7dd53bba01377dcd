// POST /api/v1/me/password: a signed-in person changes their own password.
//
// Session only (a person at the dashboard, with the CSRF token). The current
// password is checked first, and a wrong one counts as a failed login for the
// account and the address, so this route cannot be used to guess passwords
// faster than the login form. On success the first-login flag is cleared and the
// user's other sessions end; the one making the change stays signed in.

#include <nlohmann/json.hpp>

#include "server/api/password_change.h"
#include "server/api/people_json.h"
#include "server/api/people_routes.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/auth/cookies.h"
#include "server/auth/login_guard.h"
#include "server/auth/password_hash.h"

namespace parc::server {
namespace {

HttpResponse tooManyAttempts(std::chrono::seconds retry_after) {
  auto response = jsonError(429, "too_many_attempts", "too many failed attempts; try again later");
  response.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
  return response;
}

HttpResponse unavailable() { return jsonError(503, "unavailable", "the password could not be changed; try again"); }

struct Caller {
  auth::Principal principal;
  std::string email;
};

// The current password, checked within the login limits. nullopt when accepted.
std::optional<HttpResponse> checkCurrent(const ApiContext& ctx, const HttpRequest& request, const Caller& caller,
                                         const std::optional<UserLogin>& login, const std::string& password) {
  auth::LoginLimiter& limiter = ctx.login->limiter();
  if (const auto wait = limiter.retryAfter(caller.email, request.remote_address)) return tooManyAttempts(*wait);
  if (login && auth::verifyPassword(password, login->password_hash)) return std::nullopt;
  limiter.recordFailure(caller.email, request.remote_address);
  auth::recordAudit(ctx, request, caller.principal, {"password_change_failed", caller.principal.user_id, {}});
  return jsonError(403, "invalid_current_password", "the current password is wrong");
}

HttpResponse changed(const ApiContext& ctx, const HttpRequest& request, const Caller& caller, User user) {
  ctx.login->limiter().recordSuccess(caller.email);
  auth::recordAudit(ctx, request, caller.principal, {"password_changed", caller.principal.user_id, {}});
  user.must_change_password = false;
  auto response = jsonBody(200, nlohmann::json{{"status", "password_changed"}, {"user", userJson(user)}});
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

HttpResponse changePasswordRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  if (principal.via != auth::Via::session || !principal.user_id || !principal.email) {
    return auth::forbidden("a password is changed by its owner, signed in to the dashboard (not with a token)");
  }
  auto change = parsePasswordChange(request.body);
  if (!change) return jsonError(400, "invalid_request", change.error());
  const Caller caller{principal, *principal.email};
  const auto login = ctx.store.findLogin(caller.email);
  if (auto refusal = checkCurrent(ctx, request, caller, login, change->current_password)) return *refusal;
  if (const auto code = refusedPasswordCode(change->new_password, caller.email, change->current_password)) {
    return jsonError(400, *code,
                     "the new password needs at least 12 characters and must differ from the email "
                     "and the current password");
  }
  auto hash = auth::hashPassword(change->new_password);
  if (!hash) {
    ctx.logger->error("password change of {}: hashing failed: {}", caller.email, hash.error());
    return unavailable();
  }
  const auto cookie = auth::cookieValue(request.header("Cookie"), auth::kSessionCookie);
  if (auto status = ctx.store.changePassword(login->user.id, *hash, cookie.value_or(""), ctx.clock()); !status) {
    ctx.logger->error("password change of {}: not stored: {}", caller.email, status.error());
    return unavailable();
  }
  return changed(ctx, request, caller, login->user);
}

}  // namespace parc::server
