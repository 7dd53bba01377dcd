// GET /api/v1/audit: the audit log of the caller's collectivity, newest first,
// for admins of the whole collectivity. `limit` (1-1000, default 100) and `cursor`.

#include <nlohmann/json.hpp>

#include "server/api/query_params.h"
#include "server/api/people_json.h"
#include "server/api/people_routes.h"
#include "server/auth/authenticate.h"

namespace parc::server {
namespace {

}  // namespace

HttpResponse auditRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (!auth::allowed(*authenticated.principal, auth::Action::manage_collectivity)) {
    return auth::forbidden("the audit log is for the collectivity's admins");
  }
  const auto limit = queryLimit(request);
  if (!limit) return jsonError(400, "invalid_request", limit.error());
  OptString cursor;
  if (const auto it = request.query.find("cursor"); it != request.query.end() && !it->second.empty()) {
    cursor = it->second;
  }
  auto page = ctx.store.listAudit(authenticated.principal->scope, *limit, cursor);
  if (!page) return jsonError(400, "invalid_request", page.error());
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& entry : page->entries) entries.push_back(auditJson(entry));
  nlohmann::json body = {{"entries", std::move(entries)}};
  if (page->next_cursor) body["next_cursor"] = *page->next_cursor;
  return jsonBody(200, body);
}

}  // namespace parc::server
