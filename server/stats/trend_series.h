#pragma once
// Trends of a device's health read from its stored states (pure, no I/O):
//   battery_health_pct        key: battery name      unit: %
//   disk_reallocated_sectors  key: disk (ATA attr 5)  unit: sectors
//   nvme_percentage_used      key: disk (NVMe)        unit: %
//   lamp_hours                key: lamp number (1..)  unit: h   (projectors)
//   temperature_max_c         key: max                unit: °C  (hottest sensor)
// A projector's figures are read from the states of the PC that polls it, in the
// entry whose address is the projector's (StateSource::projector_address); a
// computer's never include a projector's.

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "server/store/store.h"

namespace parc::server::stats {

inline constexpr std::size_t kMaxTrendPoints = 500;

struct TrendPoint {
  std::string at;  // RFC 3339, the state's collected_at
  double value = 0;
};

struct TrendSeries {
  std::string metric, key, unit;
  std::vector<TrendPoint> points;  // oldest first
};

// Fed one state at a time (the store hands them out oldest first), so a long
// history is never held as text.
class TrendBuilder {
 public:
  explicit TrendBuilder(StateSource source) : source_(std::move(source)) {}

  // A state that does not decode is skipped and counted.
  void add(const StateSample& sample);
  std::size_t skipped() const { return skipped_; }
  // Every series with at least one point, in the metric order above then by key;
  // each thinned to `max_points`.
  std::vector<TrendSeries> finish(std::size_t max_points = kMaxTrendPoints) &&;

 private:
  void addPoint(int metric, const std::string& key, const std::string& at, double value);

  StateSource source_;
  std::map<std::pair<int, std::string>, std::vector<TrendPoint>> series_;
  std::size_t skipped_ = 0;
};

// The same over a list, for callers that already hold the states.
std::vector<TrendSeries> extractTrends(const std::vector<StateSample>& samples, const StateSource& source,
                                       std::size_t max_points = kMaxTrendPoints);

// At most `max_points` points, evenly spread over the series, first and last kept.
std::vector<TrendPoint> thinPoints(std::vector<TrendPoint> points, std::size_t max_points);

}  // namespace parc::server::stats
