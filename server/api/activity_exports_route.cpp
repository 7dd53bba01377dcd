// GET /api/v1/exports/alerts?format=csv&<filters of GET /api/v1/alerts> and
// GET /api/v1/exports/interventions?format=csv[&site=ID&from=DATE&to=DATE]: CSV
// attachments streamed page by page (server/export/activity_export.h), with the
// inventory export's options (separator=;, bom=1). Every role; audited.

#include "server/api/alert_routes.h"
#include "server/api/dashboard_routes.h"
#include "server/api/export_stream.h"
#include "server/api/query_params.h"
#include "server/auth/audit.h"
#include "server/export/activity_export.h"
#include "server/export/inventory_export.h"

namespace parc::server {
namespace {

std::string fileName(const char* what, TimePoint now) {
  return std::string("parc-") + what + "-" + formatRfc3339(now).substr(0, 10) + ".csv";
}

// A bound of the date range: YYYY-MM-DD (a UTC day; `to` includes it) or RFC 3339.
// The result is RFC 3339 as the store writes it, or nullopt when not a date.
std::optional<std::string> rangeBound(const std::string& text, bool is_end) {
  if (const auto date = exports::parseDate(text)) {
    std::chrono::sys_days day{std::chrono::year{date->year} / date->month / date->day};
    if (is_end) day += std::chrono::days{1};
    return formatRfc3339(TimePoint{day});
  }
  auto time = parseRfc3339(text);
  if (!time) return std::nullopt;
  return formatRfc3339(*time);
}

// The interventions' filter from the query, or the 400 that refuses it.
std::variant<InterventionFilter, HttpResponse> interventionFilter(const HttpRequest& request) {
  InterventionFilter filter;
  filter.site_id = queryValue(request, "site");
  for (const bool is_end : {false, true}) {
    const char* key = is_end ? "to" : "from";
    const auto text = queryValue(request, key);
    if (!text) continue;
    auto bound = text->size() <= 40 ? rangeBound(*text, is_end) : std::nullopt;
    if (!bound) return jsonError(400, "invalid_request", std::string(key) + ": expected YYYY-MM-DD or RFC 3339");
    (is_end ? filter.to : filter.from) = std::move(bound);
  }
  if (filter.from && filter.to && *filter.from >= *filter.to) {
    return jsonError(400, "invalid_request", "from: not before to");
  }
  return filter;
}

std::string auditDetail(const char* what, const OptString& site) {
  return std::string(what) + " csv" + (site ? " site=" + site->substr(0, 80) : "");
}

}  // namespace

HttpResponse exportAlertsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who) {
  auto options = exportOptionsFromQuery(request, /*csv_only=*/true);
  if (auto* refusal = std::get_if<HttpResponse>(&options)) return std::move(*refusal);
  AlertFilter filter = alertFilterFromQuery(request);
  // Another collectivity's site is unknown here too (the list would only be empty).
  if (filter.site_id && !ctx.store.listRooms(who.scope, *filter.site_id)) {
    return jsonError(404, "not_found", "no such site");
  }
  auth::recordAudit(ctx, request, who, {"export", std::nullopt, auditDetail("alerts", filter.site_id)});
  Store& store = ctx.store;
  return streamedExport(
      std::get<exports::ExportOptions>(std::move(options)), fileName("alertes", ctx.clock()),
      [&store, scope = who.scope, filter](exports::Exporter& exporter) {
        return exports::exportAlerts(store, scope, filter, exporter);
      },
      ctx.logger);
}

HttpResponse exportInterventionsRoute(const ApiContext& ctx, const HttpRequest& request,
                                      const auth::Principal& who) {
  auto options = exportOptionsFromQuery(request, /*csv_only=*/true);
  if (auto* refusal = std::get_if<HttpResponse>(&options)) return std::move(*refusal);
  auto parsed = interventionFilter(request);
  if (auto* refusal = std::get_if<HttpResponse>(&parsed)) return std::move(*refusal);
  InterventionFilter filter = std::get<InterventionFilter>(std::move(parsed));
  InterventionFilter probe = filter;
  probe.limit = 1;
  if (auto first = ctx.store.listInterventions(who.scope, probe); !first) {
    if (first.error() == "not_found") return jsonError(404, "not_found", "no such site");
    return jsonError(500, "internal", "the store failed");
  }
  auth::recordAudit(ctx, request, who, {"export", std::nullopt, auditDetail("interventions", filter.site_id)});
  Store& store = ctx.store;
  return streamedExport(
      std::get<exports::ExportOptions>(std::move(options)), fileName("interventions", ctx.clock()),
      [&store, scope = who.scope, filter](exports::Exporter& exporter) {
        return exports::exportInterventions(store, scope, filter, exporter);
      },
      ctx.logger);
}

}  // namespace parc::server
