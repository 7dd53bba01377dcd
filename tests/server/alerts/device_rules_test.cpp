// File systems, batteries, temperatures, kit and removed parts, from tables.

#include <gtest/gtest.h>

#include "server/alerts/rule_set.h"

namespace parc::server::alerts {
namespace {

constexpr std::int64_t kGb = 1000LL * 1000 * 1000;

RuleSettings settingsOf(const char* id, const Overrides& overrides = {}) {
  return effectiveSettings(*findRule(id), overrides);
}

struct FsCase {
  const char* name;
  OptInt size, free;
  const char* severity;  // "" : does not fire
};

TEST(DeviceRules, FilesystemFullTable) {
  const std::vector<FsCase> cases{
      {"half full", 100 * kGb, 50 * kGb, ""},
      {"89 %", 100 * kGb, 11 * kGb, ""},
      {"90 %", 100 * kGb, 10 * kGb, "warning"},
      {"96 %", 100 * kGb, 4 * kGb, "warning"},
      {"97 %", 100 * kGb, 3 * kGb, "critical"},
      {"full", 100 * kGb, 0, "critical"},
      {"tiny (ignored)", 50LL * 1024 * 1024, 0, ""},
      {"free above size (garbage)", 10 * kGb, 20 * kGb, ""},
      {"negative", -1, -1, ""},
      {"missing", std::nullopt, std::nullopt, ""},
  };
  for (const FsCase& c : cases) {
    ComputerFacts facts;
    facts.current.filesystems.push_back({"/", c.size, c.free, {}});
    const auto found = rules::filesystemFull(facts, settingsOf("filesystem_full"));
    if (std::string(c.severity).empty()) {
      EXPECT_TRUE(found.empty()) << c.name;
    } else {
      ASSERT_EQ(found.size(), 1u) << c.name;
      EXPECT_EQ(found[0].severity, c.severity) << c.name;
      EXPECT_EQ(found[0].key, "/");
    }
  }
}

TEST(DeviceRules, FilesystemLevelsAreOverridable) {
  ComputerFacts facts;
  facts.current.filesystems.push_back({"/home", 100 * kGb, 20 * kGb, {}});
  EXPECT_TRUE(rules::filesystemFull(facts, settingsOf("filesystem_full")).empty());
  const Overrides lower{{"filesystem_full", {{"warning_pct", "75"}}}};
  EXPECT_EQ(rules::filesystemFull(facts, settingsOf("filesystem_full", lower)).size(), 1u);
}

TEST(DeviceRules, BatteryWornTable) {
  const std::vector<std::pair<OptDouble, bool>> cases{
      {94.8, false}, {50.0, false}, {49.9, true}, {12.0, true}, {0.0, false}, {-3.0, false}, {std::nullopt, false}};
  for (const auto& [health, fires] : cases) {
    ComputerFacts facts;
    facts.current.batteries.push_back({"BAT0", health, std::nullopt, 300, "Discharging", {}});
    EXPECT_EQ(rules::batteryWorn(facts, settingsOf("battery_worn")).size(), fires ? 1u : 0u)
        << health.value_or(-1);
  }
}

State withTemperature(double celsius, OptDouble critical = std::nullopt) {
  State state;
  state.temperatures.push_back({"Package id 0", celsius, critical, {}});
  return state;
}

TEST(DeviceRules, TemperatureMustBeSustained) {
  const auto settings = settingsOf("temperature_high");  // 85 °C, 3 reports
  ComputerFacts facts{withTemperature(90), {withTemperature(91), withTemperature(50)}, {}, {}};
  EXPECT_TRUE(rules::temperatureHigh(facts, settings).empty()) << "only 2 hot reports in a row";
  facts.previous[1] = withTemperature(88);
  const auto found = rules::temperatureHigh(facts, settings);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, "Package id 0");
  facts.current = withTemperature(60);
  EXPECT_TRUE(rules::temperatureHigh(facts, settings).empty()) << "cooled down";
}

TEST(DeviceRules, TemperatureNearCriticalCounts) {
  const auto settings = settingsOf("temperature_high");
  ComputerFacts facts{withTemperature(72, 75.0), {withTemperature(71, 75.0), withTemperature(73, 75.0)}, {}, {}};
  EXPECT_EQ(rules::temperatureHigh(facts, settings).size(), 1u);
  facts.previous[0] = withTemperature(60, 75.0);
  EXPECT_TRUE(rules::temperatureHigh(facts, settings).empty());
}

TEST(DeviceRules, KitGoneFiresForRemovedItemsOnly) {
  ComputerFacts facts;
  facts.kit.push_back({"0b8c:0001:", "whiteboard", "SMART Board", "2026-09-01T08:00:00Z", std::nullopt});
  EXPECT_TRUE(rules::kitGone(facts, settingsOf("kit_gone")).empty());
  facts.kit.push_back({"0b8c:0069:", "pen", "SMART Pen", "2026-09-01T08:00:00Z", "2026-11-20T08:00:00Z"});
  const auto found = rules::kitGone(facts, settingsOf("kit_gone"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, "0b8c:0069:");
  EXPECT_NE(found[0].summary.find("stylet"), std::string::npos);
}

TEST(DeviceRules, RemovedMemoryOrDiskAndChangedSerial) {
  ComputerFacts facts;
  facts.changes = {{"memory", "removed", "DIMM A1", "Samsung 8 GB", std::nullopt, "2026-11-23T08:00:05Z"},
                   {"usb", "removed", "046d:c077:", std::nullopt, std::nullopt, "2026-11-23T08:00:05Z"},
                   {"disk", "added", "sdb", std::nullopt, "USB stick", "2026-11-23T08:00:05Z"},
                   {"system", "replaced", "system", "Dell #ABC", "Dell #XYZ", "2026-11-23T08:00:05Z"}};
  const auto removed = rules::componentRemoved(facts, settingsOf("component_removed"));
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].key, "memory:DIMM A1");
  const auto serial = rules::serialChanged(facts, settingsOf("serial_changed"));
  ASSERT_EQ(serial.size(), 1u);
  EXPECT_EQ(serial[0].severity, "critical");
  EXPECT_NE(serial[0].details.find("#XYZ"), std::string::npos);
}

TEST(DeviceRules, AnEmptyStateFiresNothing) {
  EXPECT_TRUE(evaluateComputer(ComputerFacts{}, {}).empty());
}

}  // namespace
}  // namespace parc::server::alerts
