// GET /api/v1/stats/alerts-weekly[?weeks=12&site=ID]: alerts opened per week,
// Monday-start UTC, oldest first, every week present (server/stats/weekly_alerts.h).

#include <nlohmann/json.hpp>

#include "server/api/dashboard_routes.h"
#include "server/api/people_json.h"
#include "server/api/query_params.h"
#include "server/stats/weekly_alerts.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultWeeks = 12;

json weekJson(const stats::WeekCount& week) {
  return {{"week_start", week.week_start},
          {"opened", week.opened},
          {"by_severity", {{"critical", week.critical}, {"warning", week.warning}, {"info", week.info}}}};
}

}  // namespace

HttpResponse alertsWeeklyRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who) {
  const auto weeks = queryBoundedInt(request, "weeks", kDefaultWeeks, 1, stats::kMaxWeeks);
  if (!weeks) return jsonError(400, "invalid_request", weeks.error());
  const auto site = queryValue(request, "site");
  const auto today = std::chrono::floor<std::chrono::days>(ctx.clock());
  const auto first = stats::firstDay(today, static_cast<int>(*weeks));
  auto daily = ctx.store.alertsOpenedByDay(who.scope, site, stats::formatDay(first));
  if (!daily) {
    if (daily.error() == "not_found") return jsonError(404, "not_found", "no such site");
    return jsonError(500, "internal", "the store failed");
  }
  json out = json::array();
  for (const stats::WeekCount& week : stats::bucketWeekly(*daily, today, static_cast<int>(*weeks))) {
    out.push_back(weekJson(week));
  }
  return jsonBody(200, json{{"weeks", std::move(out)}});
}

}  // namespace parc::server
