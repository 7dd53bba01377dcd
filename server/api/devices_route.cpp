// GET /api/v1/devices and GET /api/v1/devices/{id}, for people and scripts
// holding an API token. Every read goes through the caller's scope.

#include <nlohmann/json.hpp>

#include "server/api/api.h"
#include "server/api/device_filter_params.h"
#include "server/api/device_json.h"
#include "server/auth/authenticate.h"

namespace parc::server {
namespace {

using nlohmann::json;

void putOptional(json& object, const char* key, const OptString& value) {
  if (value) object[key] = *value;
}

json summaryJson(const ApiContext& ctx, const DeviceSummary& d) {
  return deviceSummaryJson(d, currentYear(ctx.clock()));
}

json kitJson(const KitItem& k) {
  json out = {{"identity", k.identity}, {"class", k.device_class}, {"description", k.description},
              {"first_seen", k.first_seen}, {"present", !k.removed_at.has_value()}};
  putOptional(out, "removed_at", k.removed_at);
  return out;
}

json changeJson(const ComponentChange& c) {
  json out = {{"component", c.component}, {"change", c.change}, {"key", c.key}, {"at", c.at}};
  putOptional(out, "before", c.before);
  putOptional(out, "after", c.after);
  return out;
}

// null, or the latest sign that two machines share this device's agent identity
// with how many were recorded (server/store/sqlite/sqlite_identity_conflicts.h).
json identityConflictJson(const std::vector<IdentityConflict>& conflicts) {
  if (conflicts.empty()) return nullptr;
  const IdentityConflict& latest = conflicts.front();
  return {{"kind", latest.kind}, {"detail", latest.detail}, {"agent_id", latest.agent_id},
          {"detected_at", latest.at}, {"count", conflicts.size()}};
}

HttpResponse jsonResponse(int status, const json& body) {
  return HttpResponse{status, "application/json",
                      body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

// A session cookie or an API token (server/auth); every role may read. Without a
// principal, `refusal` is authenticatePerson's answer (401, CSRF, password change).
auth::Authentication authenticate(const ApiContext& ctx, const HttpRequest& request) {
  auto authenticated = auth::authenticatePerson(ctx, request);
  if (authenticated.principal && !auth::allowed(*authenticated.principal, auth::Action::read)) {
    return auth::Authentication{std::nullopt, auth::unauthorizedPerson()};
  }
  return authenticated;
}

}  // namespace

HttpResponse listDevicesRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto who = authenticate(ctx, request);
  if (!who.principal) return who.refusal;
  const Scope* scope = &who.principal->scope;

  const auto filter = readDevicePageFilter(request);  // shared with the inventory export
  if (!filter) return jsonError(400, "invalid_request", filter.error());

  auto page = ctx.store.listDevices(*scope, *filter);
  if (!page) return jsonError(400, "invalid_request", page.error());
  json devices = json::array();
  for (const auto& device : page->devices) devices.push_back(summaryJson(ctx, device));
  json body = {{"devices", std::move(devices)}, {"total", page->total}};
  if (page->next_cursor) body["next_cursor"] = *page->next_cursor;
  return jsonResponse(200, body);
}

HttpResponse getDeviceRoute(const ApiContext& ctx, const HttpRequest& request,
                            const std::string& device_id) {
  const auto who = authenticate(ctx, request);
  if (!who.principal) return who.refusal;
  const Scope* scope = &who.principal->scope;
  const auto device = ctx.store.getDevice(*scope, device_id);
  if (!device) return jsonError(404, "not_found", "no such device");

  json body = summaryJson(ctx, device->summary);
  // Stored JSON was written by the server itself; parse failures would be a bug,
  // shown as null rather than a failed page.
  const auto embed = [&](const char* key, const OptString& text) {
    if (text) body[key] = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  };
  embed("inventory", device->inventory_json);
  putOptional(body, "inventory_hash", device->inventory_hash);
  embed("state", device->state_json);
  putOptional(body, "state_collected_at", device->state_collected_at);
  json history = json::array();
  for (const auto& change : device->history) history.push_back(changeJson(change));
  body["history"] = std::move(history);
  json kit = json::array();  // whiteboard, pen and touch controllers, current and gone
  for (const auto& item : device->kit) kit.push_back(kitJson(item));
  body["kit"] = std::move(kit);
  body["identity_conflict"] = identityConflictJson(ctx.store.identityConflicts(*scope, device_id));
  return jsonResponse(200, body);
}

}  // namespace parc::server
