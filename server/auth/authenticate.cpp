#include "server/auth/authenticate.h"

#include "server/auth/cookies.h"
#include "shared/crypto.h"

namespace parc::server::auth {
namespace {

Principal fromToken(const TokenHolder& holder) {
  Principal principal;
  principal.actor = "token:" + holder.token_id;
  principal.scope = holder.scope;
  principal.via = Via::token;
  principal.token_id = holder.token_id;
  if (holder.owner) {
    principal.user_id = holder.owner->id;
    principal.email = holder.owner->email;
    principal.role = holder.owner->role;
  }
  // The server admin's own tokens read; they manage nothing (the command line does).
  return principal;
}

Principal fromSession(const ActiveSession& session) {
  Principal principal;
  principal.user_id = session.user.id;
  principal.email = session.user.email;
  principal.actor = session.user.email;
  principal.role = session.user.role;
  principal.scope = session.user.scope;
  principal.via = Via::session;
  principal.csrf_token = session.csrf_token;
  principal.must_change_password = session.user.must_change_password;
  return principal;
}

Authentication refuse(HttpResponse response) { return Authentication{std::nullopt, std::move(response)}; }

// What a session may do while its user must still replace a one-time password:
// see who it is, change the password, sign out.
bool allowedBeforePasswordChange(const HttpRequest& request) {
  const std::string_view path = request.path, method = request.method;
  return (method == "GET" && path == "/api/v1/me") || (method == "POST" && path == "/api/v1/me/password") ||
         (method == "POST" && path == "/api/v1/logout");
}

}  // namespace

bool changesState(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

HttpResponse unauthorizedPerson() {
  auto response = jsonError(401, "unauthorized",
                            "sign in (POST /api/v1/login) or send an API token (Authorization: Bearer)");
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

HttpResponse forbidden(std::string_view detail) { return jsonError(403, "forbidden", detail); }

Authentication authenticatePerson(const ApiContext& ctx, const HttpRequest& request) {
  if (!request.header("Authorization").empty()) {
    const std::string_view token = request.bearerToken();
    if (token.empty()) return refuse(unauthorizedPerson());
    const auto holder = ctx.store.authenticateToken(std::string(token));
    if (!holder) return refuse(unauthorizedPerson());
    return Authentication{fromToken(*holder), {}};
  }
  const auto cookie = cookieValue(request.header("Cookie"), kSessionCookie);
  if (!cookie || cookie->empty()) return refuse(unauthorizedPerson());
  const auto session = ctx.store.useSession(*cookie, ctx.clock(), ctx.options.people.session_idle);
  if (!session) return refuse(unauthorizedPerson());
  if (changesState(request.method) &&
      !constantTimeEquals(request.header(kCsrfHeader), session->csrf_token)) {
    return refuse(jsonError(403, "csrf_failed", "missing or wrong X-CSRF-Token header"));
  }
  if (session->user.must_change_password && !allowedBeforePasswordChange(request)) {
    return refuse(jsonError(403, "password_change_required",
                            "change the one-time password first (POST /api/v1/me/password)"));
  }
  return Authentication{fromSession(*session), {}};
}

}  // namespace parc::server::auth
