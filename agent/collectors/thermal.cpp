#include "agent/collectors/thermal.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "agent/collectors/system.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kHwmonDir = "/sys/class/hwmon";
constexpr double kMinCelsius = -40.0;   // below: no probe (-273), or a sign error
constexpr double kMaxCelsius = 127.0;   // at and above: a floating input (0x7f) or garbage
constexpr double kMaxCriticalCelsius = 150.0;
constexpr int kMaxSensorIndex = 1000;

std::optional<double> criticalFrom(const HwmonSensor& sensor) {
  for (const auto& raw : {sensor.crit, sensor.max}) {
    if (!raw) continue;
    const auto celsius = parseMillidegrees(*raw);
    if (celsius && *celsius > 0.0 && *celsius <= kMaxCriticalCelsius) return celsius;
  }
  return std::nullopt;
}

std::string labelOf(const HwmonChip& chip, const HwmonSensor& sensor) {
  if (sensor.label) {
    if (auto label = cleanDmiValue(*sensor.label)) return *label;
  }
  const auto name = chip.name ? cleanDmiValue(*chip.name) : std::nullopt;
  return name.value_or("hwmon") + " temp" + std::to_string(sensor.index);
}

std::optional<std::string> attribute(const FsRoot& root, const std::string& dir, int index,
                                     std::string_view suffix) {
  return root.readAttribute(dir + "/temp" + std::to_string(index) + "_" + std::string(suffix));
}

HwmonChip readChip(const FsRoot& root, const std::string& dir) {
  HwmonChip chip;
  chip.name = root.readAttribute(dir + "/name");
  for (const auto& entry : root.list(dir)) {
    const auto index = tempInputIndex(entry);
    if (!index) continue;
    chip.sensors.push_back({*index, attribute(root, dir, *index, "input"), attribute(root, dir, *index, "label"),
                            attribute(root, dir, *index, "crit"), attribute(root, dir, *index, "max")});
  }
  std::sort(chip.sensors.begin(), chip.sensors.end(),
            [](const HwmonSensor& a, const HwmonSensor& b) { return a.index < b.index; });
  return chip;
}

// The same label twice (two sockets' "Core 0", a driver's twin "foosensor") gets " #2", " #3".
void disambiguate(std::vector<Temperature>& temperatures) {
  std::map<std::string, int> seen;
  for (auto& t : temperatures) {
    const int count = ++seen[t.label];
    if (count > 1) t.label += " #" + std::to_string(count);
  }
}

}  // namespace

std::optional<int> tempInputIndex(std::string_view attribute) {
  constexpr std::string_view kPrefix = "temp", kSuffix = "_input";
  if (attribute.size() <= kPrefix.size() + kSuffix.size() || !startsWith(attribute, kPrefix) ||
      attribute.substr(attribute.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  const auto digits = attribute.substr(kPrefix.size(), attribute.size() - kPrefix.size() - kSuffix.size());
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  const auto index = parseInt64(digits);
  if (!index || *index < 1 || *index > kMaxSensorIndex) return std::nullopt;
  return static_cast<int>(*index);
}

std::optional<double> parseMillidegrees(std::string_view raw) {
  const auto milli = parseInt64(raw);
  if (!milli) return std::nullopt;
  const double celsius = static_cast<double>(*milli) / 1000.0;
  if (celsius < kMinCelsius || celsius > kMaxCriticalCelsius) return std::nullopt;
  return celsius;
}

std::vector<Temperature> parseHwmonChip(const HwmonChip& chip) {
  std::vector<Temperature> temperatures;
  for (const auto& sensor : chip.sensors) {
    if (!sensor.input) continue;
    const auto celsius = parseMillidegrees(*sensor.input);
    if (!celsius || *celsius >= kMaxCelsius) continue;
    Temperature t;
    t.label = labelOf(chip, sensor);
    t.celsius = celsius;
    t.critical_celsius = criticalFrom(sensor);
    temperatures.push_back(std::move(t));
  }
  return temperatures;
}

CollectOutcome ThermalCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  std::vector<Temperature> temperatures;
  for (const auto& entry : root.list(kHwmonDir)) {
    if (!startsWith(entry, "hwmon")) continue;
    auto chip = parseHwmonChip(readChip(root, std::string(kHwmonDir) + "/" + entry));
    std::move(chip.begin(), chip.end(), std::back_inserter(temperatures));
  }
  if (temperatures.empty()) return CollectOutcome::noData(std::string(kHwmonDir) + ": no temperature sensor");
  disambiguate(temperatures);
  snapshot.state.temperatures = std::move(temperatures);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
