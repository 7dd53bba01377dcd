// POST /api/v1/alerts/{id}/acknowledge|resolve|notes, POST /api/v1/interventions,
// GET /api/v1/interventions/summary. Actions are for technicians and admins;
// each commits its events, then publishes them to the live feed; acknowledgements
// and resolutions are written to the audit log.

#include <nlohmann/json.hpp>

#include "server/alerts/alert_json.h"
#include "server/api/alert_routes.h"
#include "server/api/people_json.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/feed/feed.h"
#include "server/store/store_error.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTextBytes = 4000;
constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;

Result<json> parseObject(const std::string& body) {
  if (body.empty()) return json::object();
  auto parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return makeError("body: expected a JSON object");
  return parsed;
}

// The string at `key`: absent gives "", anything but a short string is an error.
Result<std::string> textField(const json& object, const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return makeError(std::string(key) + ": required");
    return std::string();
  }
  if (!it->is_string()) return makeError(std::string(key) + ": expected a string");
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxTextBytes) return makeError(std::string(key) + ": at most 4000 bytes");
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return makeError(std::string(key) + ": required");
  }
  return text;
}

HttpResponse storeRefusal(const std::string& error, std::string_view what) {
  if (error == "not_found") return jsonError(404, "not_found", "no such " + std::string(what));
  if (error.starts_with("conflict: ")) return jsonError(409, "conflict", error.substr(10));
  if (isStorageUnavailable(error)) {
    auto response = jsonError(503, "unavailable", "the store is busy; try again");
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  return jsonError(400, "invalid_request", error);
}

void publish(const ApiContext& ctx, const std::vector<AlertEvent>& events) {
  if (ctx.feed != nullptr && !events.empty()) ctx.feed->publish(events);
}

// Authenticated and allowed to act, or the refusal.
std::variant<auth::Principal, HttpResponse> operator_(const ApiContext& ctx, const HttpRequest& request) {
  auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (!auth::allowed(*authenticated.principal, auth::Action::operate)) {
    return auth::forbidden("acting on alerts is for technicians and admins");
  }
  return std::move(*authenticated.principal);
}

Result<std::vector<AlertEvent>> runAction(const ApiContext& ctx, const auth::Principal& who,
                                          const std::string& alert_id, const std::string& action,
                                          const json& body) {
  if (action == "acknowledge") return ctx.store.acknowledgeAlert(who.scope, alert_id, who.actor, ctx.clock());
  const auto text = textField(body, action == "resolve" ? "note" : "text", true);
  if (!text) return makeError(text.error());
  if (action == "resolve") return ctx.store.resolveAlert(who.scope, alert_id, who.actor, *text, ctx.clock());
  return ctx.store.addAlertNote(who.scope, alert_id, who.actor, *text, ctx.clock());
}

Result<NewIntervention> parseIntervention(const json& body, const std::string& by) {
  NewIntervention out;
  out.by = by;
  for (const char* key : {"alert_id", "device_id"}) {
    auto id = textField(body, key, false);
    if (!id) return makeError(id.error());
    if (!id->empty()) (std::string(key) == "alert_id" ? out.alert_id : out.device_id) = *id;
  }
  if (out.alert_id.has_value() == out.device_id.has_value()) {
    return makeError("give exactly one of alert_id or device_id");
  }
  auto what = textField(body, "what", true);
  if (!what) return makeError(what.error());
  out.what = *what;
  const auto minutes = body.find("minutes");
  if (minutes == body.end() || !minutes->is_number_integer() || *minutes < 0 || *minutes > kMaxMinutes) {
    return makeError("minutes: expected a whole number from 0 to 10080");
  }
  out.minutes = minutes->get<std::int64_t>();
  return out;
}

}  // namespace

HttpResponse alertActionRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& alert_id,
                              const std::string& action) {
  auto who = operator_(ctx, request);
  if (auto* refusal = std::get_if<HttpResponse>(&who)) return std::move(*refusal);
  const auth::Principal& principal = std::get<auth::Principal>(who);
  const auto body = parseObject(request.body);
  if (!body) return jsonError(400, "invalid_request", body.error());
  auto events = runAction(ctx, principal, alert_id, action, *body);
  if (!events) return storeRefusal(events.error(), "alert");
  publish(ctx, *events);
  if (action != "notes") {
    const std::string audit = action == "acknowledge" ? "alert_acknowledged" : "alert_resolved";
    OptString detail;
    if (action == "resolve") detail = body->value("note", std::string()).substr(0, 200);
    auth::recordAudit(ctx, request, principal, {audit, alert_id, detail});
  }
  const AlertEvent& last = events->back();
  return jsonBody(200, json::parse(last.payload_json, nullptr, false));
}

HttpResponse createInterventionRoute(const ApiContext& ctx, const HttpRequest& request) {
  auto who = operator_(ctx, request);
  if (auto* refusal = std::get_if<HttpResponse>(&who)) return std::move(*refusal);
  const auth::Principal& principal = std::get<auth::Principal>(who);
  const auto body = parseObject(request.body);
  if (!body) return jsonError(400, "invalid_request", body.error());
  auto wanted = parseIntervention(*body, principal.actor);
  if (!wanted) return jsonError(400, "invalid_request", wanted.error());
  auto recorded = ctx.store.logIntervention(principal.scope, *wanted, ctx.clock());
  if (!recorded) return storeRefusal(recorded.error(), wanted->alert_id ? "alert" : "device");
  publish(ctx, recorded->events);
  const Intervention& i = recorded->intervention;
  return jsonBody(201, json{{"id", i.id}, {"device_id", i.device_id}, {"site_id", i.site_id},
                            {"alert_id", i.alert_id ? json(*i.alert_id) : json(nullptr)}, {"what", i.what},
                            {"minutes", i.minutes}, {"by", i.by}, {"at", i.at}});
}

HttpResponse interventionSummaryRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auto site = request.query.find("site");
  const auto month = request.query.find("month");
  if (site == request.query.end() || month == request.query.end()) {
    return jsonError(400, "invalid_request", "site and month (YYYY-MM) are required");
  }
  auto summary = ctx.store.interventionSummary(authenticated.principal->scope, site->second, month->second);
  if (!summary) return storeRefusal(summary.error(), "site");
  const auto rows = [](const std::vector<InterventionSummary::Row>& list) {
    json out = json::array();
    for (const auto& r : list) {
      out.push_back({{"key", r.key}, {"label", r.label ? json(*r.label) : json(nullptr)}, {"count", r.count},
                     {"minutes", r.minutes}});
    }
    return out;
  };
  json interventions = json::array();
  for (const Intervention& i : summary->interventions) {
    interventions.push_back({{"id", i.id}, {"device_id", i.device_id},
                             {"alert_id", i.alert_id ? json(*i.alert_id) : json(nullptr)}, {"what", i.what},
                             {"minutes", i.minutes}, {"by", i.by}, {"at", i.at}});
  }
  return jsonBody(200, json{{"site", {{"id", summary->site_id}, {"name", summary->site_name}}},
                            {"month", summary->month}, {"count", summary->count}, {"minutes", summary->minutes},
                            {"by_device", rows(summary->by_device)}, {"by_person", rows(summary->by_person)},
                            {"interventions", std::move(interventions)}});
}

}  // namespace parc::server
