#pragma once
// battery: /sys/class/power_supply/* of type Battery -> inventory.batteries (maker,
// model, serial, technology, design and full capacity) and state.batteries (health,
// charge, cycles, status). Type 22 records of the raw SMBIOS table complete a lone
// battery, or stand alone when the kernel shows none.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// Attribute name ("energy_full") -> raw content of one power_supply directory.
using PowerSupplyValues = std::map<std::string, std::string, std::less<>>;

struct BatteryReading {
  Battery battery;
  BatteryState state;
};

// nullopt unless `type` is Battery and the supply powers the system (scope Device
// marks a mouse or a headset). Capacities in µWh: energy_* as they are, charge_*
// (µAh) times voltage_min_design (µV). Health only when design and full are both sane.
std::optional<BatteryReading> parsePowerSupply(std::string_view name, const PowerSupplyValues& values);

class BatteryCollector final : public Collector {
 public:
  std::string_view name() const override { return "battery"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
