// battery: the prometheus/procfs and node_exporter BAT0 captures, and sysfs trees the
// test builds from real upower / acpiconf captures (shared fixtures power_supply/):
// each tree writes the capture's values in the units sysfs uses.

#include "agent/collectors/battery.h"

#include <gtest/gtest.h>

#include <cmath>

#include "agent/collectors/smbios_inventory.h"
#include "tests/agent/collectors/smbios_builders.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using testing::TempTree;

constexpr std::string_view kBat = "/sys/class/power_supply/";

void writeSupply(const TempTree& tree, std::string_view name, const PowerSupplyValues& values) {
  for (const auto& [key, value] : values) tree.write(std::string(kBat) + std::string(name) + "/" + key, value + "\n");
}

Snapshot collect(const TempTree& tree, CollectOutcome* outcome = nullptr) {
  Snapshot snapshot;
  const auto result = BatteryCollector().collect(FsRoot(tree.path()), snapshot);
  if (outcome) *outcome = result;
  return snapshot;
}

TEST(CollectorBattery, ProcfsCaptureOnTheLaptopRoot) {
  Snapshot snapshot;
  const auto outcome = BatteryCollector().collect(FsRoot(testing::rootDir("laptop")), snapshot);
  ASSERT_EQ(outcome.status, CollectStatus::kOk) << outcome.detail;
  ASSERT_EQ(snapshot.inventory.batteries.size(), 1u);
  const Battery& b = snapshot.inventory.batteries[0];
  EXPECT_EQ(b.name, "BAT0");
  EXPECT_EQ(b.manufacturer, "LGC");
  EXPECT_EQ(b.model, "LNV-45N1");
  EXPECT_EQ(b.serial, "38109");
  EXPECT_EQ(b.technology, "Li-ion");
  EXPECT_EQ(b.design_capacity_uwh, 47520000);
  EXPECT_EQ(b.full_capacity_uwh, 50060000);
  ASSERT_EQ(snapshot.state.batteries.size(), 1u);
  const BatteryState& s = snapshot.state.batteries[0];
  EXPECT_DOUBLE_EQ(*s.health_pct, std::round(50060000.0 / 47520000.0 * 1000) / 10);
  EXPECT_EQ(s.charge_pct, 98.0);
  EXPECT_EQ(s.cycles, 0);
  EXPECT_EQ(s.status, "discharging");
}

TEST(CollectorBattery, NodeExporterModelNameWithGarbageBytes) {
  const std::string model = testing::readFixture("sysfs/node_exporter-BAT0/model_name");
  const auto reading = parsePowerSupply("BAT0", {{"type", "Battery"}, {"model_name", model},
                                                 {"energy_full", "45070000"}, {"energy_full_design", "47520000"}});
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->battery.model, std::nullopt);  // "LNV-45N1" followed by bytes that are not text
  EXPECT_DOUBLE_EQ(*reading->state.health_pct, std::round(45070000.0 / 47520000.0 * 1000) / 10);
}

// glpi-agent-upower-infos_2.txt: SMP "DELL JHXPY53", energy-full 53,4052 Wh, design
// 57,532 Wh (French decimal commas), 88 %, charging, lithium-polymer.
TEST(CollectorBattery, DellFromUpowerCapture) {
  TempTree tree;
  writeSupply(tree, "BAT0", {{"type", "Battery"}, {"manufacturer", "SMP"}, {"model_name", "DELL JHXPY53"},
                             {"serial_number", "3682"}, {"technology", "Li-poly"}, {"energy_full", "53405200"},
                             {"energy_full_design", "57532000"}, {"capacity", "88"}, {"status", "Charging"}});
  writeSupply(tree, "AC", {{"type", "Mains"}, {"online", "1"}});
  const Snapshot snapshot = collect(tree);
  ASSERT_EQ(snapshot.inventory.batteries.size(), 1u);
  EXPECT_EQ(snapshot.inventory.batteries[0].model, "DELL JHXPY53");
  ASSERT_EQ(snapshot.state.batteries.size(), 1u);
  EXPECT_DOUBLE_EQ(*snapshot.state.batteries[0].health_pct, 92.8);  // upower: 92,8269 %
  EXPECT_EQ(snapshot.state.batteries[0].status, "charging");
}

// glpi-agent-freebsd-acpiconf-infos_1.txt: design 7236 mAh, last full 6880 mAh, 7600 mV.
TEST(CollectorBattery, ChargeInMicroAmpHoursIsConverted) {
  const auto reading = parsePowerSupply("BAT1", {{"type", "Battery"}, {"model_name", "DELL 242WD6B"},
                                                 {"charge_full_design", "7236000"}, {"charge_full", "6880000"},
                                                 {"voltage_min_design", "7600000"}});
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->battery.design_capacity_uwh, 7236000LL * 7600000 / 1000000);
  EXPECT_EQ(reading->battery.full_capacity_uwh, 6880000LL * 7600000 / 1000000);
  EXPECT_DOUBLE_EQ(*reading->state.health_pct, std::round(6880.0 / 7236.0 * 1000) / 10);
  // Without a believable design voltage there is no energy figure, and no health.
  const auto no_voltage = parsePowerSupply("BAT1", {{"type", "Battery"}, {"charge_full_design", "7236000"},
                                                    {"charge_full", "6880000"}, {"voltage_min_design", "12"}});
  ASSERT_TRUE(no_voltage);
  EXPECT_EQ(no_voltage->battery.design_capacity_uwh, std::nullopt);
  EXPECT_EQ(no_voltage->state.health_pct, std::nullopt);
}

// glpi-agent-upower-infos_4.1.txt with its design capacity at 0, the quirk README notes.
TEST(CollectorBattery, HostileValuesGiveNoHealth) {
  const PowerSupplyValues zero_design = {{"type", "Battery"}, {"energy_full", "54000000"},
                                         {"energy_full_design", "0"}, {"capacity", "51"}, {"cycle_count", "-1"}};
  const auto reading = parsePowerSupply("BAT0", zero_design);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->battery.design_capacity_uwh, std::nullopt);
  EXPECT_EQ(reading->state.health_pct, std::nullopt);
  EXPECT_EQ(reading->state.charge_pct, 51.0);
  EXPECT_EQ(reading->state.cycles, std::nullopt);
  for (const PowerSupplyValues& values : std::vector<PowerSupplyValues>{
           {{"type", "Battery"}, {"energy_full", "99999999999999999999"}, {"energy_full_design", "1"}},
           {{"type", "Battery"}, {"energy_full", "900000000"}, {"energy_full_design", "50000000"}},
           {{"type", "Battery"}, {"energy_full", "-5"}, {"energy_full_design", "50000000"}},
           {{"type", "Battery"}, {"energy_full", "4.5e7"}, {"energy_full_design", "abc"}},
           {{"type", "Battery"}, {"charge_full", "9223372036854775807"}, {"voltage_min_design", "90000000"}},
       }) {
    const auto hostile = parsePowerSupply("BAT0", values);
    ASSERT_TRUE(hostile);
    EXPECT_EQ(hostile->state.health_pct, std::nullopt);
  }
  const auto odd = parsePowerSupply("BAT0", {{"type", "Battery"}, {"capacity", "250"}, {"status", "Exploding"},
                                             {"manufacturer", "\xff\xfe\x01"}, {"cycle_count", "12"}});
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->state.charge_pct, std::nullopt);
  EXPECT_EQ(odd->state.status, std::nullopt);
  EXPECT_EQ(odd->battery.manufacturer, std::nullopt);
  EXPECT_EQ(odd->state.cycles, 12);
}

// glpi-agent-upower-infos_4.2.txt: a Logitech "Anywhere MX" mouse (hidpp_battery_0).
TEST(CollectorBattery, PeripheralsAndMainsAreNotSystemBatteries) {
  EXPECT_FALSE(parsePowerSupply("hidpp_battery_0", {{"type", "Battery"}, {"scope", "Device"},
                                                    {"model_name", "Anywhere MX"}}));
  EXPECT_FALSE(parsePowerSupply("AC", {{"type", "Mains"}}));
  EXPECT_FALSE(parsePowerSupply("BAT0", {}));
  TempTree tree;
  writeSupply(tree, "hidpp_battery_0", {{"type", "Battery"}, {"scope", "Device"}, {"capacity", "90"}});
  writeSupply(tree, "AC", {{"type", "Mains"}});
  CollectOutcome outcome;
  const Snapshot snapshot = collect(tree, &outcome);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
  EXPECT_TRUE(snapshot.inventory.batteries.empty());
  TempTree empty;
  collect(empty, &outcome);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
}

// A type 22 record as dmidecode printed it (glpi-agent-upower-dmidecode_4.txt).
std::string dellBatteryTable() {
  std::string f(0x1a, '\0');
  f[0] = 22;
  f[4] = 1; f[5] = 2; f[7] = 3; f[8] = 4;
  f[9] = 0x06;
  testing::putLittleEndian(f, 0x0a, 54000, 2);
  f[0x15] = 1;
  return testing::structure(f, {"Battery Bay", "SMP-COS3.66", "3829", "DELL XDY9K16"}) + testing::endOfTable();
}

TEST(CollectorBattery, SmbiosCompletesOrStandsIn) {
  TempTree tree;
  const std::string table = dellBatteryTable();
  tree.write(kSmbiosEntryPointPath, testing::entryPoint64(3, 3, 0, static_cast<std::uint32_t>(table.size())));
  tree.write(kSmbiosTablePath, table);
  Snapshot alone = collect(tree);
  ASSERT_EQ(alone.inventory.batteries.size(), 1u);
  EXPECT_EQ(alone.inventory.batteries[0].name, "smbios0");
  EXPECT_EQ(alone.inventory.batteries[0].design_capacity_uwh, 54000000);
  EXPECT_TRUE(alone.state.batteries.empty());
  writeSupply(tree, "BAT0", {{"type", "Battery"}, {"model_name", "DELL XDY9K16"}, {"energy_full", "54000000"}});
  Snapshot merged = collect(tree);
  ASSERT_EQ(merged.inventory.batteries.size(), 1u);
  EXPECT_EQ(merged.inventory.batteries[0].name, "BAT0");
  EXPECT_EQ(merged.inventory.batteries[0].serial, "3829");
  EXPECT_EQ(merged.inventory.batteries[0].technology, "Li-ion");
  EXPECT_EQ(merged.inventory.batteries[0].design_capacity_uwh, 54000000);
}

}  // namespace
}  // namespace parc::agent::collectors
