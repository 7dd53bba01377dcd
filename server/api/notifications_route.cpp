#include "server/api/query_params.h"
#include "server/api/notifications_route.h"

#include <nlohmann/json.hpp>

#include "server/api/people_json.h"
#include "server/auth/authenticate.h"
#include "server/store/notification_store.h"

namespace parc::server {
namespace {

Result<OptString> parseState(const HttpRequest& request) {
  const auto it = request.query.find("state");
  if (it == request.query.end()) return OptString{};
  if (it->second != "pending" && it->second != "sent" && it->second != "dead") {
    return makeError("state: expected pending, sent or dead");
  }
  return OptString(it->second);
}

nlohmann::json deliveryJson(const Delivery& d) {
  auto opt = [](const OptString& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"id", d.id},         {"endpoint_id", d.endpoint_id},
          {"collectivity_id", d.collectivity_id}, {"event_id", d.event_id},
          {"state", d.state},   {"attempts", d.attempts},
          {"next_attempt_at", d.next_attempt_at}, {"created_at", d.created_at},
          {"last_error", opt(d.last_error)},      {"sent_at", opt(d.sent_at)}};
}

}  // namespace

HttpResponse notificationsRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (!auth::allowed(*authenticated.principal, auth::Action::manage_collectivity)) {
    return auth::forbidden("notifications are for the collectivity's admins");
  }
  auto* queue = dynamic_cast<NotificationStore*>(&ctx.store);
  if (queue == nullptr) return jsonError(404, "not_found", "this server keeps no notifications");
  const auto limit = queryLimit(request);
  if (!limit) return jsonError(400, "invalid_request", limit.error());
  const auto state = parseState(request);
  if (!state) return jsonError(400, "invalid_request", state.error());
  nlohmann::json deliveries = nlohmann::json::array();
  for (const Delivery& d : queue->listDeliveries(authenticated.principal->scope, *state,
                                                 static_cast<std::size_t>(*limit))) {
    deliveries.push_back(deliveryJson(d));
  }
  return jsonBody(200, nlohmann::json{{"deliveries", std::move(deliveries)}});
}

}  // namespace parc::server
