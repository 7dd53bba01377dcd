#include "server/api/people_json.h"

#include <nlohmann/json.hpp>

namespace parc::server {
namespace {

using nlohmann::json;

void putOptional(json& object, const char* key, const OptString& value) {
  if (value) object[key] = *value;
}

}  // namespace

json scopeJson(const Scope& scope) {
  if (scope.all) return json{{"all", true}};
  json out = {{"collectivity", scope.collectivity_id ? json(*scope.collectivity_id) : json(nullptr)},
              {"sites", scope.site_ids}};
  return out;
}

json userJson(const User& user) {
  json out = {{"id", user.id}, {"email", user.email}, {"role", roleName(user.role)},
              {"scope", scopeJson(user.scope)}, {"must_change_password", user.must_change_password},
              {"created_at", user.created_at}};
  putOptional(out, "disabled_at", user.disabled_at);
  return out;
}

json principalJson(const auth::Principal& principal) {
  json out = {{"role", roleName(principal.role)}, {"scope", scopeJson(principal.scope)},
              {"via", principal.via == auth::Via::session ? "session" : "token"}};
  out["user"] = principal.user_id ? json{{"id", *principal.user_id}, {"email", principal.email.value_or("")}}
                                  : json(nullptr);
  putOptional(out, "token_id", principal.token_id);
  out["must_change_password"] = principal.must_change_password;
  return out;
}

json tokenJson(const ApiTokenInfo& token) {
  json out = {{"id", token.id}, {"label", token.label}, {"created_at", token.created_at},
              {"scope", scopeJson(token.scope)}};
  out["owner"] = token.owner_email ? json(*token.owner_email) : json(nullptr);
  putOptional(out, "revoked_at", token.revoked_at);
  return out;
}

json auditJson(const AuditEntry& entry) {
  json out = {{"id", entry.id}, {"at", entry.at}, {"action", entry.action}};
  putOptional(out, "actor", entry.actor);
  putOptional(out, "target", entry.target);
  putOptional(out, "address", entry.address);
  putOptional(out, "detail", entry.detail);
  return out;
}

HttpResponse jsonBody(int status, const json& body) {
  return HttpResponse{status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace),
                      {}};
}

}  // namespace parc::server
