// The park's read routes (facets, retirement suggestions, age pyramid, sites,
// overview) and the dispatch of park_routes.h.
#include "server/api/park_routes.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "server/api/device_json.h"
#include "server/api/people_json.h"
#include "server/api/query_params.h"
#include "server/auth/authenticate.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::string_view kDevicesPrefix = "/api/v1/devices/";
constexpr std::int64_t kDefaultMinAge = 7;
constexpr std::int64_t kMaxMinAge = 100;
constexpr const char* kSeverities[] = {"critical", "warning", "info"};

HttpResponse methodNotAllowed(std::string_view allowed) {
  auto response = jsonError(405, "method_not_allowed", "use " + std::string(allowed) + " on this path");
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

HttpResponse storeFailure(const std::string& error) { return jsonError(500, "internal", error.substr(0, 200)); }

json optionalText(const OptString& value) { return value ? json(*value) : json(nullptr); }

json countsObject(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  json out = json::object();
  for (const auto& [key, count] : counts) out[key] = count;
  return out;
}

HttpResponse facetsRoute(const ApiContext& ctx, const HttpRequest& request, const Scope& scope) {
  const auto facets = ctx.store.deviceFacets(scope, queryValue(request, "site"));
  if (!facets) return storeFailure(facets.error());
  return jsonBody(200, {{"manufacturers", facets->manufacturers}, {"models", facets->models},
                        {"os", facets->os}, {"rooms", facets->rooms}});
}

HttpResponse retireSuggestionsRoute(const ApiContext& ctx, const HttpRequest& request, const Scope& scope) {
  std::int64_t min_age = kDefaultMinAge;
  if (const auto text = queryValue(request, "min_age")) {
    char* end = nullptr;
    const long long value = std::strtoll(text->c_str(), &end, 10);
    // Digits only: strtoll alone would take "+7", " 7" and "-0".
    if (text->find_first_not_of("0123456789") != std::string::npos || *end != '\0' || text->size() > 3 ||
        value < 0 || value > kMaxMinAge) {
      return jsonError(400, "invalid_request", "min_age: expected a whole number of years from 0 to 100");
    }
    min_age = value;
  }
  const TimePoint now = ctx.clock();
  const auto suggestions = ctx.store.retireSuggestions(scope, queryValue(request, "site"), min_age, now);
  if (!suggestions) return storeFailure(suggestions.error());
  json devices = json::array();
  for (const RetireSuggestion& suggestion : *suggestions) {
    json device = deviceSummaryJson(suggestion.device, currentYear(now));
    device["reasons"] = suggestion.reasons;
    device["faults_180d"] = suggestion.faults_180d;
    devices.push_back(std::move(device));
  }
  return jsonBody(200, {{"min_age", min_age}, {"devices", std::move(devices)}});
}

HttpResponse agePyramidRoute(const ApiContext& ctx, const HttpRequest& request, const Scope& scope) {
  const auto sites = ctx.store.agePyramid(scope, queryValue(request, "site"), ctx.clock());
  if (!sites) return storeFailure(sites.error());
  json out = json::array();
  for (const SiteAges& site : *sites) {
    json buckets = json::array();
    for (std::size_t age = 0; age < site.buckets.size(); ++age) {
      buckets.push_back({{"age", age}, {"count", site.buckets[age]}});
    }
    out.push_back({{"id", site.site_id}, {"name", site.site_name}, {"buckets", std::move(buckets)},
                   {"unknown", site.unknown}});
  }
  return jsonBody(200, {{"sites", std::move(out)}});
}

HttpResponse sitesRoute(const ApiContext& ctx, const Scope& scope) {
  const auto sites = ctx.store.siteOverviews(scope, std::nullopt, ctx.clock());
  if (!sites) return storeFailure(sites.error());
  json out = json::array();
  for (const SiteOverview& s : *sites) {
    out.push_back({{"id", s.site.id}, {"name", s.site.name}, {"kind", optionalText(s.site.kind)},
                   {"zone", optionalText(s.site.zone)}, {"address", optionalText(s.site.address)},
                   {"collectivity", {{"id", s.site.collectivity_id}, {"name", s.collectivity_name}}},
                   {"device_count", s.device_count}, {"room_count", s.room_count},
                   {"open_alerts", s.open_alerts}});
  }
  return jsonBody(200, {{"sites", std::move(out)}});
}

HttpResponse overviewRoute(const ApiContext& ctx, const HttpRequest& request, const Scope& scope) {
  const auto overview = ctx.store.parkOverview(scope, queryValue(request, "site"), ctx.clock());
  if (!overview) return storeFailure(overview.error());
  json severities = json::object();
  for (const char* severity : kSeverities) severities[severity] = 0;
  for (const auto& [severity, count] : overview->alerts_by_severity) severities[severity] = count;
  json sites = json::array();
  for (const SiteOverview& s : overview->sites) {
    sites.push_back({{"id", s.site.id}, {"name", s.site.name}, {"devices", s.device_count},
                     {"open_alerts", s.open_alerts}, {"silent_devices", s.silent_devices}});
  }
  return jsonBody(200, {{"total_devices", overview->total_devices},
                        {"devices_by_kind", countsObject(overview->by_kind)},
                        {"devices_by_status", countsObject(overview->by_status)},
                        {"open_alerts_by_severity", std::move(severities)},
                        {"silent_devices", overview->silent_devices},
                        {"sites", std::move(sites)}});
}

using ReadRoute = HttpResponse (*)(const ApiContext&, const HttpRequest&, const Scope&);

// A read for every role, through the caller's scope.
HttpResponse readRoute(const ApiContext& ctx, const HttpRequest& request, ReadRoute route) {
  if (request.method != "GET") return methodNotAllowed("GET");
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (!auth::allowed(*authenticated.principal, auth::Action::read)) return auth::forbidden("reading is not allowed");
  return route(ctx, request, authenticated.principal->scope);
}

HttpResponse sitesReadRoute(const ApiContext& ctx, const HttpRequest& /*request*/, const Scope& scope) {
  return sitesRoute(ctx, scope);
}

}  // namespace

std::optional<HttpResponse> parkRoutes(const ApiContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  if (path == "/api/v1/devices/facets") return readRoute(ctx, request, facetsRoute);
  if (path == "/api/v1/devices/retire-suggestions") return readRoute(ctx, request, retireSuggestionsRoute);
  if (path == "/api/v1/stats/age-pyramid") return readRoute(ctx, request, agePyramidRoute);
  if (path == "/api/v1/sites") return readRoute(ctx, request, sitesReadRoute);
  if (path == "/api/v1/overview") return readRoute(ctx, request, overviewRoute);
  if (path == "/api/v1/devices") {
    if (request.method == "POST") return createDeviceRoute(ctx, request);
    if (request.method == "GET" || request.method == "HEAD") return std::nullopt;
    return methodNotAllowed("GET, POST");
  }
  if (path.starts_with(kDevicesPrefix) && path.size() > kDevicesPrefix.size() &&
      path.find('/', kDevicesPrefix.size()) == std::string::npos) {
    if (request.method == "PATCH") return updateDeviceRoute(ctx, request, path.substr(kDevicesPrefix.size()));
    if (request.method == "GET" || request.method == "HEAD") return std::nullopt;
    return methodNotAllowed("GET, PATCH");
  }
  return std::nullopt;
}

}  // namespace parc::server
