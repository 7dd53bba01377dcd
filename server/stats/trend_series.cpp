#include "server/stats/trend_series.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "shared/report_json.h"

namespace parc::server::stats {
namespace {

struct Metric {
  std::string_view name, unit;
};

enum MetricIndex { kBattery = 0, kReallocated, kNvmeUsed, kLampHours, kTemperature };

constexpr std::array<Metric, 5> kMetrics{{
    {"battery_health_pct", "%"},
    {"disk_reallocated_sectors", "sectors"},
    {"nvme_percentage_used", "%"},
    {"lamp_hours", "h"},
    {"temperature_max_c", "°C"},
}};

}  // namespace

void TrendBuilder::addPoint(int metric, const std::string& key, const std::string& at, double value) {
  series_[{metric, key}].push_back(TrendPoint{at, value});
}

void TrendBuilder::add(const StateSample& sample) {
  auto state = decodeState(sample.state_json);
  if (!state) {
    ++skipped_;
    return;
  }
  const std::string& at = sample.collected_at;
  if (source_.projector_address) {
    for (const ProjectorState& projector : state->projectors) {
      if (projector.address != *source_.projector_address) continue;
      for (std::size_t lamp = 0; lamp < projector.lamp_hours.size(); ++lamp) {
        addPoint(kLampHours, std::to_string(lamp + 1), at, static_cast<double>(projector.lamp_hours[lamp]));
      }
    }
    return;
  }
  for (const BatteryState& battery : state->batteries) {
    if (battery.health_pct) addPoint(kBattery, battery.name, at, *battery.health_pct);
  }
  for (const DiskState& disk : state->disks) {
    if (!disk.smart) continue;
    if (disk.smart->reallocated) addPoint(kReallocated, disk.name, at, static_cast<double>(*disk.smart->reallocated));
    if (disk.smart->percentage_used) {
      addPoint(kNvmeUsed, disk.name, at, static_cast<double>(*disk.smart->percentage_used));
    }
  }
  bool any_temperature = false;
  double hottest = 0;
  for (const Temperature& sensor : state->temperatures) {
    if (!sensor.celsius) continue;
    hottest = any_temperature ? std::max(hottest, *sensor.celsius) : *sensor.celsius;
    any_temperature = true;
  }
  if (any_temperature) addPoint(kTemperature, "max", at, hottest);
}

std::vector<TrendSeries> TrendBuilder::finish(std::size_t max_points) && {
  std::vector<TrendSeries> out;
  for (auto& [id, points] : series_) {
    const Metric& metric = kMetrics[static_cast<std::size_t>(id.first)];
    out.push_back(TrendSeries{std::string(metric.name), id.second, std::string(metric.unit),
                              thinPoints(std::move(points), max_points)});
  }
  return out;
}

std::vector<TrendSeries> extractTrends(const std::vector<StateSample>& samples, const StateSource& source,
                                       std::size_t max_points) {
  TrendBuilder builder(source);
  for (const StateSample& sample : samples) builder.add(sample);
  return std::move(builder).finish(max_points);
}

std::vector<TrendPoint> thinPoints(std::vector<TrendPoint> points, std::size_t max_points) {
  if (points.size() <= max_points) return points;
  std::vector<TrendPoint> out;
  if (max_points == 0) return out;
  if (max_points == 1) {
    out.push_back(std::move(points.back()));
    return out;
  }
  out.reserve(max_points);
  const std::size_t last = points.size() - 1;
  for (std::size_t i = 0; i < max_points; ++i) {
    // Rounded i * last / (max_points - 1): strictly increasing since last >= max_points.
    const std::size_t index = (i * last * 2 + (max_points - 1)) / (2 * (max_points - 1));
    out.push_back(std::move(points[index]));
  }
  return out;
}

}  // namespace parc::server::stats
