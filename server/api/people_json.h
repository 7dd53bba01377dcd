#pragma once
// JSON shapes of the people's routes: users, scopes, tokens, audit entries.

#include <nlohmann/json_fwd.hpp>

#include "server/auth/principal.h"
#include "server/http/http_message.h"
#include "server/store/store.h"

namespace parc::server {

nlohmann::json scopeJson(const Scope& scope);
nlohmann::json userJson(const User& user);
nlohmann::json principalJson(const auth::Principal& principal);
nlohmann::json tokenJson(const ApiTokenInfo& token);
nlohmann::json auditJson(const AuditEntry& entry);

HttpResponse jsonBody(int status, const nlohmann::json& body);

}  // namespace parc::server
