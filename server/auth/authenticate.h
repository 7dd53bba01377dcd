#pragma once
// The one authentication step for people and their scripts: a session cookie
// (with the CSRF token on every state-changing request) or an API token.

#include <optional>
#include <string_view>

#include "server/api/api.h"
#include "server/auth/principal.h"

namespace parc::server::auth {

struct Authentication {
  std::optional<Principal> principal;
  HttpResponse refusal;  // 401 (no or bad credentials) or 403 (CSRF) without a principal
};

inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// `Authorization: Bearer <token>` when present, otherwise the parc_session cookie.
// A session whose user must change a one-time password gets 403
// password_change_required on everything but GET /api/v1/me,
// POST /api/v1/me/password and POST /api/v1/logout.
Authentication authenticatePerson(const ApiContext& ctx, const HttpRequest& request);

// POST, PUT, PATCH, DELETE: what needs the CSRF token when made with the cookie.
bool changesState(std::string_view method);

HttpResponse unauthorizedPerson();
HttpResponse forbidden(std::string_view detail);

}  // namespace parc::server::auth
