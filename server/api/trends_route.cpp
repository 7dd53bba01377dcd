// GET /api/v1/devices/{id}/trends[?days=90]: health series read from the stored
// states (server/stats/trend_series.h), at most 500 points each.

#include <nlohmann/json.hpp>

#include "server/api/dashboard_routes.h"
#include "server/api/people_json.h"
#include "server/stats/trend_series.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultDays = 90;
constexpr std::int64_t kMaxDays = 730;
constexpr std::size_t kMaxDeviceId = 200;

json seriesJson(const stats::TrendSeries& series) {
  json points = json::array();
  for (const stats::TrendPoint& point : series.points) points.push_back(json::array({point.at, point.value}));
  return {{"metric", series.metric}, {"key", series.key}, {"unit", series.unit}, {"points", std::move(points)}};
}

HttpResponse storeRefusal(const std::string& error) {
  if (error == "not_found") return jsonError(404, "not_found", "no such device");
  return jsonError(500, "internal", "the store failed");
}

}  // namespace

HttpResponse deviceTrendsRoute(const ApiContext& ctx, const HttpRequest& request, const auth::Principal& who,
                               const std::string& device_id) {
  if (device_id.size() > kMaxDeviceId) return jsonError(404, "not_found", "no such device");
  const auto days = queryBoundedInt(request, "days", kDefaultDays, 1, kMaxDays);
  if (!days) return jsonError(400, "invalid_request", days.error());
  auto source = ctx.store.deviceStateSource(who.scope, device_id);
  if (!source) return storeRefusal(source.error());

  const std::string since = formatRfc3339(ctx.clock() - std::chrono::hours(24 * *days));
  stats::TrendBuilder builder(*source);
  const Status read = ctx.store.visitDeviceStates(who.scope, device_id, since,
                                                  [&](const StateSample& sample) { builder.add(sample); });
  if (!read) return storeRefusal(read.error());
  if (builder.skipped() > 0) {
    ctx.logger->warn("trends of {}: {} stored states did not decode", device_id, builder.skipped());
  }
  json series = json::array();
  for (const stats::TrendSeries& one : std::move(builder).finish()) series.push_back(seriesJson(one));
  return jsonBody(200, json{{"series", std::move(series)}});
}

}  // namespace parc::server
