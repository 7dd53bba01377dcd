#pragma once
// thermal: /sys/class/hwmon/hwmon*/temp*_input (millidegrees Celsius) with their
// labels and critical marks -> state.temperatures. Readings no sensor can mean (the
// -273 °C of an absent probe, 127 °C and beyond of a floating input) are dropped.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// One hwmon directory: its `name` and, per sensor index, the raw attributes.
struct HwmonSensor {
  int index = 0;
  std::optional<std::string> input, label, crit, max;
};
struct HwmonChip {
  std::optional<std::string> name;
  std::vector<HwmonSensor> sensors;  // sorted by index
};

// "temp12_input" -> 12; nullopt for any other attribute name.
std::optional<int> tempInputIndex(std::string_view attribute);
// Millidegrees -> °C; nullopt when not a number or outside [-40, 150] °C (a reading
// must also stay below 127 °C).
std::optional<double> parseMillidegrees(std::string_view raw);
// Sensors with a believable reading; label = temp*_label, else "<name> temp<N>".
std::vector<Temperature> parseHwmonChip(const HwmonChip& chip);

class ThermalCollector final : public Collector {
 public:
  std::string_view name() const override { return "thermal"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
