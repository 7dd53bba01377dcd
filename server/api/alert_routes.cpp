// GET /api/v1/alerts, GET /api/v1/alerts/{id}, GET /api/v1/alert-rules, and the
// dispatch of every alert path.

#include "server/api/query_params.h"
#include "server/api/alert_routes.h"

#include <nlohmann/json.hpp>

#include "server/alerts/alert_json.h"
#include "server/alerts/rule_catalog.h"
#include "server/api/people_json.h"
#include "server/auth/authenticate.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::string_view kAlertsPrefix = "/api/v1/alerts/";

HttpResponse wrongMethod(std::string_view allowed) {
  auto response = jsonError(405, "method_not_allowed", "use " + std::string(allowed) + " on this path");
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

json eventJson(const AlertEvent& e) {
  return {{"id", e.id}, {"type", e.type}, {"state", e.state}, {"severity", e.severity}, {"at", e.at}};
}

json interventionJson(const Intervention& i) {
  return {{"id", i.id}, {"device_id", i.device_id}, {"site_id", i.site_id},
          {"alert_id", i.alert_id ? json(*i.alert_id) : json(nullptr)}, {"what", i.what},
          {"minutes", i.minutes}, {"by", i.by}, {"at", i.at}};
}

HttpResponse listAlertsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who) {
  AlertFilter filter = alertFilterFromQuery(request);
  filter.cursor = queryValue(request, "cursor");
  const auto limit = queryLimit(request, filter.limit);
  if (!limit) return jsonError(400, "invalid_request", limit.error());
  filter.limit = *limit;
  auto page = ctx.store.listAlerts(who.scope, filter);
  if (!page) return jsonError(400, "invalid_request", page.error());
  json alerts = json::array();
  for (const Alert& alert : page->alerts) alerts.push_back(json::parse(alerts::encodeAlert(alert)));
  json body = {{"alerts", std::move(alerts)}};
  if (page->next_cursor) body["next_cursor"] = *page->next_cursor;
  return jsonBody(200, body);
}

HttpResponse getAlertRoute(const ApiContext& ctx, const auth::Principal& who, const std::string& alert_id) {
  const auto detail = ctx.store.getAlert(who.scope, alert_id);
  if (!detail) return jsonError(404, "not_found", "no such alert");
  json body = json::parse(alerts::encodeAlert(detail->alert));
  body["procedure"] = std::string(alerts::procedureSheet(detail->alert.rule_id));
  json events = json::array();
  for (const AlertEvent& e : detail->events) events.push_back(eventJson(e));
  body["events"] = std::move(events);
  json notes = json::array();
  for (const AlertNote& n : detail->notes) notes.push_back({{"at", n.at}, {"author", n.author}, {"text", n.text}});
  body["notes"] = std::move(notes);
  json interventions = json::array();
  for (const Intervention& i : detail->interventions) interventions.push_back(interventionJson(i));
  body["interventions"] = std::move(interventions);
  return jsonBody(200, body);
}

HttpResponse alertRulesRoute(const ApiContext& ctx, const auth::Principal& who) {
  alerts::Overrides overrides;
  if (!who.scope.all) {
    for (const RuleSetting& s : ctx.store.listRuleSettings(who.scope)) overrides[s.rule_id][s.name] = s.value;
  }
  json rules = json::array();
  for (const alerts::RuleDefinition& rule : alerts::builtinRules()) {
    rules.push_back({{"id", rule.id},
                     {"title", rule.title},
                     {"default_severity", rule.severity},
                     {"settings", alerts::effectiveSettings(rule, overrides).values()},
                     {"procedure", alerts::procedureSheet(rule.id)}});
  }
  return jsonBody(200, json{{"rules", std::move(rules)}});
}

// "/api/v1/alerts/{id}" -> (id, ""), "/api/v1/alerts/{id}/resolve" -> (id, "resolve").
std::optional<std::pair<std::string, std::string>> alertPath(const std::string& path) {
  if (!path.starts_with(kAlertsPrefix)) return std::nullopt;
  const std::string rest = path.substr(kAlertsPrefix.size());
  const std::size_t slash = rest.find('/');
  const std::string id = rest.substr(0, slash);
  const std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (id.empty() || action.find('/') != std::string::npos) return std::nullopt;
  return std::pair{id, action};
}

}  // namespace

AlertFilter alertFilterFromQuery(const HttpRequest& request) {
  AlertFilter filter;
  filter.site_id = queryValue(request, "site");
  filter.room = queryValue(request, "room");
  filter.device_id = queryValue(request, "device");
  filter.rule_id = queryValue(request, "rule");
  filter.severity = queryValue(request, "severity");
  filter.state = queryValue(request, "state");
  return filter;
}

std::optional<HttpResponse> alertRoutes(const ApiContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  const auto alert = alertPath(path);
  const bool ours = path == "/api/v1/alerts" || path == "/api/v1/alert-rules" || path == "/api/v1/interventions" ||
                    path == "/api/v1/interventions/summary" || alert.has_value();
  if (!ours) return std::nullopt;
  if (path == "/api/v1/interventions") {
    return method == "POST" ? createInterventionRoute(ctx, request) : wrongMethod("POST");
  }
  if (path == "/api/v1/interventions/summary") {
    return method == "GET" ? interventionSummaryRoute(ctx, request) : wrongMethod("GET");
  }
  if (alert && !alert->second.empty()) {
    if (alert->second != "acknowledge" && alert->second != "resolve" && alert->second != "notes") {
      return jsonError(404, "not_found", "no such route");
    }
    return method == "POST" ? alertActionRoute(ctx, request, alert->first, alert->second) : wrongMethod("POST");
  }
  if (method != "GET") return wrongMethod("GET");
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& who = *authenticated.principal;
  if (!auth::allowed(who, auth::Action::read)) return auth::forbidden("reading alerts is not allowed");
  if (path == "/api/v1/alerts") return listAlertsRoute(ctx, request, who);
  if (path == "/api/v1/alert-rules") return alertRulesRoute(ctx, who);
  return getAlertRoute(ctx, who, alert->first);
}

}  // namespace parc::server
