// GET /api/v1/rooms?site=ID and GET /api/v1/rooms/view?site=ID&room=NAME: the
// rooms of a site, and the kit of one classroom with each device's open alerts
// and its health word (room_health.h).

#include <nlohmann/json.hpp>

#include "server/alerts/rule_catalog.h"
#include "server/api/dashboard_routes.h"
#include "server/api/device_json.h"
#include "server/api/people_json.h"
#include "server/api/query_params.h"
#include "server/api/room_health.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxRoomName = 200;

json optional(const OptString& value) { return value ? json(*value) : json(nullptr); }

json siteJson(const Site& site) { return {{"id", site.id}, {"name", site.name}}; }

json alertRefJson(const OpenAlertRef& alert) {
  const alerts::RuleDefinition* rule = alerts::findRule(alert.rule_id);
  return {{"id", alert.id}, {"rule", alert.rule_id}, {"severity", alert.severity},
          {"title", rule ? json(std::string(rule->title)) : json(alert.summary)}};
}

// The summary of GET /api/v1/devices, its open_alerts count replaced by the list.
json roomDeviceJson(const RoomDevice& device, std::int64_t current_year) {
  json out = deviceSummaryJson(device.summary, current_year);
  json alerts = json::array();
  for (const OpenAlertRef& alert : device.open_alerts) alerts.push_back(alertRefJson(alert));
  out["open_alerts"] = std::move(alerts);
  out["health"] = std::string(deviceHealth(device));
  return out;
}

HttpResponse storeRefusal(const std::string& error) {
  if (error == "not_found") return jsonError(404, "not_found", "no such site");
  return jsonError(500, "internal", "the store failed");
}

}  // namespace

HttpResponse roomsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who) {
  const auto site = queryValue(request, "site");
  if (!site) return jsonError(400, "invalid_request", "site: required");
  auto list = ctx.store.listRooms(who.scope, *site);
  if (!list) return storeRefusal(list.error());
  json rooms = json::array();
  for (const RoomCount& room : list->rooms) {
    rooms.push_back({{"room", optional(room.room)}, {"device_count", room.device_count},
                     {"open_alerts", room.open_alerts}});
  }
  return jsonBody(200, json{{"site", siteJson(list->site)}, {"rooms", std::move(rooms)}});
}

HttpResponse roomViewRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who) {
  const auto site = queryValue(request, "site");
  if (!site) return jsonError(400, "invalid_request", "site: required");
  const auto room = queryValue(request, "room");
  if (room && room->size() > kMaxRoomName) return jsonError(400, "invalid_request", "room: too long");
  auto view = ctx.store.roomView(who.scope, *site, room);
  if (!view) return storeRefusal(view.error());
  json devices = json::array();
  const std::int64_t year = currentYear(ctx.clock());
  for (const RoomDevice& device : view->devices) devices.push_back(roomDeviceJson(device, year));
  return jsonBody(200, json{{"site", siteJson(view->site)}, {"room", optional(view->room)},
                            {"devices", std::move(devices)}});
}

}  // namespace parc::server
