#include "agent/collectors/battery.h"

#include <array>
#include <cmath>

#include "agent/collectors/smbios_inventory.h"
#include "agent/collectors/system.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kPowerSupplyDir = "/sys/class/power_supply";
constexpr auto kAttributes = std::to_array<std::string_view>({
    "type", "scope", "manufacturer", "model_name", "serial_number", "technology", "energy_full_design",
    "energy_full", "charge_full_design", "charge_full", "voltage_min_design", "capacity", "cycle_count",
    "status"});

constexpr std::int64_t kMaxCapacityUwh = 10'000'000'000;  // 10 kWh: beyond any battery Parc meets
constexpr std::int64_t kMinVoltageUv = 1'000'000;
constexpr std::int64_t kMaxVoltageUv = 100'000'000;
constexpr std::int64_t kMaxCycles = 100'000;
constexpr double kMaxHealthRatio = 1.5;  // a new battery may hold a little more than its design

struct StatusName {
  std::string_view sysfs, report;
};
constexpr auto kStatuses = std::to_array<StatusName>({
    {"charging", "charging"}, {"discharging", "discharging"}, {"full", "full"},
    {"not charging", "not_charging"}});

OptInt integer(const PowerSupplyValues& values, std::string_view key) {
  const auto it = values.find(key);
  return it == values.end() ? std::nullopt : parseInt64(it->second);
}

OptString text(const PowerSupplyValues& values, std::string_view key) {
  const auto it = values.find(key);
  return it == values.end() ? std::nullopt : cleanDmiValue(it->second);
}

OptInt sane(OptInt uwh) {
  if (!uwh || *uwh <= 0 || *uwh > kMaxCapacityUwh) return std::nullopt;
  return uwh;
}

// µAh * µV / 10^6 = µWh, when the design voltage is believable.
OptInt fromCharge(OptInt uah, OptInt voltage_uv) {
  if (!uah || !voltage_uv || *voltage_uv < kMinVoltageUv || *voltage_uv > kMaxVoltageUv) return std::nullopt;
  const auto product = multiplyChecked(*uah, *voltage_uv);
  return product ? sane(*product / 1'000'000) : std::nullopt;
}

void readCapacities(const PowerSupplyValues& values, Battery& battery) {
  battery.design_capacity_uwh = sane(integer(values, "energy_full_design"));
  battery.full_capacity_uwh = sane(integer(values, "energy_full"));
  const OptInt voltage = integer(values, "voltage_min_design");
  if (!battery.design_capacity_uwh) battery.design_capacity_uwh = fromCharge(integer(values, "charge_full_design"), voltage);
  if (!battery.full_capacity_uwh) battery.full_capacity_uwh = fromCharge(integer(values, "charge_full"), voltage);
}

OptDouble health(const Battery& battery) {
  if (!battery.design_capacity_uwh || !battery.full_capacity_uwh) return std::nullopt;
  const double ratio = static_cast<double>(*battery.full_capacity_uwh) / static_cast<double>(*battery.design_capacity_uwh);
  if (ratio > kMaxHealthRatio) return std::nullopt;
  return std::round(ratio * 1000.0) / 10.0;
}

OptString status(const PowerSupplyValues& values) {
  const auto raw = text(values, "status");
  if (!raw) return std::nullopt;
  const std::string lower = toLower(*raw);
  for (const auto& known : kStatuses) {
    if (lower == known.sysfs) return std::string(known.report);
  }
  return std::nullopt;  // "Unknown" and anything the kernel does not document
}

BatteryState readState(std::string_view name, const PowerSupplyValues& values, const Battery& battery) {
  BatteryState state;
  state.name = std::string(name);
  state.health_pct = health(battery);
  if (const auto charge = integer(values, "capacity"); charge && *charge >= 0 && *charge <= 100) {
    state.charge_pct = static_cast<double>(*charge);
  }
  if (const auto cycles = integer(values, "cycle_count"); cycles && *cycles >= 0 && *cycles <= kMaxCycles) {
    state.cycles = cycles;
  }
  state.status = status(values);
  return state;
}

void fillFrom(const Battery& smbios, Battery& battery) {
  if (!battery.manufacturer) battery.manufacturer = smbios.manufacturer;
  if (!battery.model) battery.model = smbios.model;
  if (!battery.serial) battery.serial = smbios.serial;
  if (!battery.technology) battery.technology = smbios.technology;
  if (!battery.design_capacity_uwh) battery.design_capacity_uwh = smbios.design_capacity_uwh;
}

// Type 22 records: they complete a lone kernel battery, or stand alone without one.
std::string mergeSmbios(const FsRoot& root, Snapshot& snapshot) {
  const auto smbios = readSmbios(root);
  if (!smbios) return {};
  if (!smbios->ok()) return smbios->error();
  auto records = batteriesFromSmbios(**smbios);
  auto& batteries = snapshot.inventory.batteries;
  if (batteries.empty()) {
    batteries = std::move(records);
  } else if (batteries.size() == 1 && records.size() == 1) {
    fillFrom(records.front(), batteries.front());
  }
  return {};
}

}  // namespace

std::optional<BatteryReading> parsePowerSupply(std::string_view name, const PowerSupplyValues& values) {
  const auto type = text(values, "type");
  if (!type || toLower(*type) != "battery") return std::nullopt;
  if (const auto scope = text(values, "scope"); scope && toLower(*scope) == "device") return std::nullopt;
  if (name.empty() || !isCleanText(name)) return std::nullopt;
  BatteryReading reading;
  reading.battery.name = std::string(name);
  reading.battery.manufacturer = text(values, "manufacturer");
  reading.battery.model = text(values, "model_name");
  reading.battery.serial = text(values, "serial_number");
  reading.battery.technology = text(values, "technology");
  readCapacities(values, reading.battery);
  reading.state = readState(name, values, reading.battery);
  return reading;
}

CollectOutcome BatteryCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  for (const auto& entry : root.list(kPowerSupplyDir)) {
    PowerSupplyValues values;
    for (const auto attribute : kAttributes) {
      const std::string path = std::string(kPowerSupplyDir) + "/" + entry + "/" + std::string(attribute);
      if (auto value = root.readAttribute(path)) values.emplace(std::string(attribute), std::move(*value));
    }
    auto reading = parsePowerSupply(entry, values);
    if (!reading) continue;
    snapshot.inventory.batteries.push_back(std::move(reading->battery));
    snapshot.state.batteries.push_back(std::move(reading->state));
  }
  std::string smbios_problem = mergeSmbios(root, snapshot);
  if (snapshot.inventory.batteries.empty()) {
    return CollectOutcome::noData(std::string(kPowerSupplyDir) + ": no battery" +
                                  (smbios_problem.empty() ? "" : "; " + smbios_problem));
  }
  CollectOutcome outcome = CollectOutcome::ok();
  outcome.detail = std::move(smbios_problem);
  return outcome;
}

}  // namespace parc::agent::collectors
