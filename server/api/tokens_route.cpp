// POST /api/v1/tokens, GET /api/v1/tokens, DELETE /api/v1/tokens/{id}: API tokens
// for a person's scripts. A token is made from a session, by a technician or an
// admin, never wider than its owner. An admin of a whole collectivity sees and
// revokes every token of it; anyone else only their own. A token outside what the
// caller may see answers 404, like an unknown one.

#include <nlohmann/json.hpp>

#include "server/api/people_json.h"
#include "server/api/people_routes.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/store/scope_rules.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxLabelBytes = 200;
constexpr std::size_t kMaxSites = 1000;

struct TokenRequest {
  std::string label;
  std::vector<std::string> site_ids;
};

Result<TokenRequest> parseTokenRequest(const std::string& body) {
  TokenRequest out;
  if (body.empty()) return out;
  const auto parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return makeError("body: expected a JSON object");
  if (const auto label = parsed.find("label"); label != parsed.end()) {
    if (!label->is_string() || label->get_ref<const std::string&>().size() > kMaxLabelBytes) {
      return makeError("label: expected a string of at most 200 bytes");
    }
    out.label = label->get<std::string>();
  }
  if (const auto sites = parsed.find("sites"); sites != parsed.end()) {
    if (!sites->is_array() || sites->size() > kMaxSites) return makeError("sites: expected an array of site ids");
    for (const auto& site : *sites) {
      if (!site.is_string() || site.get_ref<const std::string&>().empty()) {
        return makeError("sites: expected an array of site ids");
      }
      out.site_ids.push_back(site.get<std::string>());
    }
  }
  return out;
}

// Whose tokens the caller may list and revoke: all of the scope's, or its own.
std::optional<OptString> ownerFilter(const auth::Principal& principal) {
  if (auth::allowed(principal, auth::Action::manage_collectivity)) return OptString{};
  if (!principal.user_id) return std::nullopt;
  return principal.user_id;
}

}  // namespace

HttpResponse createTokenRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  if (!auth::allowed(principal, auth::Action::create_token)) {
    return auth::forbidden("API tokens are made by technicians and admins, signed in");
  }
  auto wanted = parseTokenRequest(request.body);
  if (!wanted) return jsonError(400, "invalid_request", wanted.error());
  Scope scope = principal.scope;
  if (!wanted->site_ids.empty()) {
    scope.site_ids = wanted->site_ids;
    if (!scopeWithin(scope, principal.scope)) return auth::forbidden("a token cannot see more than you do");
  }
  auto created = ctx.store.createOwnedApiToken(
      NewApiToken{.scope = scope, .label = wanted->label, .owner_user_id = principal.user_id});
  if (!created) return jsonError(400, "invalid_request", created.error());
  auth::recordAudit(ctx, request, principal, {"token_created", created->id, wanted->label});
  json body = {{"id", created->id}, {"secret", created->secret}, {"label", wanted->label},
               {"scope", scopeJson(scope)}};
  auto response = jsonBody(201, body);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse listTokensRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auto owner = ownerFilter(*authenticated.principal);
  if (!owner) return auth::forbidden("this token belongs to no one; list tokens with the command line");
  json tokens = json::array();
  for (const auto& token : ctx.store.listApiTokens(authenticated.principal->scope, *owner)) {
    tokens.push_back(tokenJson(token));
  }
  return jsonBody(200, json{{"tokens", std::move(tokens)}});
}

HttpResponse revokeTokenRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& token_id) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  const auto owner = ownerFilter(principal);
  if (!owner) return jsonError(404, "not_found", "no such token");
  auto revoked = ctx.store.revokeApiToken(principal.scope, *owner, token_id, ctx.clock());
  if (!revoked) {
    if (revoked.error() == "not_found") return jsonError(404, "not_found", "no such token");
    return jsonError(503, "unavailable", "the token could not be revoked; try again");
  }
  auth::recordAudit(ctx, request, principal, {"token_revoked", revoked->id, {}});
  return jsonBody(200, tokenJson(*revoked));
}

}  // namespace parc::server
