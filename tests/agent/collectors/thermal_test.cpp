// thermal: the node_exporter hwmon capture (in the laptop root, with its symlinks as
// SYMLINKS.txt lists them, dangling ones included) and readings no sensor can mean.

#include "agent/collectors/thermal.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using testing::TempTree;

TEST(CollectorThermal, NodeExporterCaptureOnTheLaptopRoot) {
  Snapshot snapshot;
  const auto outcome = ThermalCollector().collect(FsRoot(testing::rootDir("laptop")), snapshot);
  ASSERT_EQ(outcome.status, CollectStatus::kOk) << outcome.detail;
  const auto& t = snapshot.state.temperatures;
  ASSERT_EQ(t.size(), 7u);  // coretemp (hwmon0) 5, hwmon4 2; nct6779 has no temperature
  EXPECT_EQ(t[0].label, "Physical id 0");
  EXPECT_EQ(t[0].celsius, 55.0);
  EXPECT_EQ(t[0].critical_celsius, 100.0);
  EXPECT_EQ(t[4].label, "Core 3");
  EXPECT_EQ(t[4].celsius, 50.0);
  EXPECT_EQ(t[5].label, "foosensor");
  EXPECT_EQ(t[6].label, "foosensor #2");
  EXPECT_EQ(t[6].celsius, 54.0);
}

// The NVMe hwmon of the same capture: temp2_max is 65261850 (65261.85 °C, the
// "high = +65261.8 C" lm-sensors prints too).
TEST(CollectorThermal, GarbageMarksAreDropped) {
  HwmonChip nvme{"nvme", {{1, "43850", "Composite", "94850", "84850"}, {2, "43850", "Sensor 1", std::nullopt, "65261850"}}};
  const auto t = parseHwmonChip(nvme);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].critical_celsius, 94.85);
  EXPECT_EQ(t[1].label, "Sensor 1");
  EXPECT_EQ(t[1].critical_celsius, std::nullopt);
}

TEST(CollectorThermal, UnlabeledSensorsTakeTheChipName) {
  // lm-sensors capture of the Latitude 3190: acpitz temp1 +45.0 C (crit +95.0 C).
  const auto t = parseHwmonChip({"acpitz", {{1, "45000", std::nullopt, "95000", std::nullopt}}});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].label, "acpitz temp1");
  EXPECT_EQ(t[0].critical_celsius, 95.0);
  const auto nameless = parseHwmonChip({std::nullopt, {{3, "30000", "\xff\xfe", std::nullopt, std::nullopt}}});
  ASSERT_EQ(nameless.size(), 1u);
  EXPECT_EQ(nameless[0].label, "hwmon temp3");
}

TEST(CollectorThermal, BogusReadingsAreDropped) {
  for (const char* bogus : {"-273150", "127000", "127500", "255000", "65261850", "abc", "", "4.2e4", "-41000"}) {
    EXPECT_TRUE(parseHwmonChip({"x", {{1, bogus, "probe", std::nullopt, std::nullopt}}}).empty()) << bogus;
  }
  EXPECT_EQ(parseMillidegrees("-5000"), -5.0);
  EXPECT_EQ(parseMillidegrees("126999"), 126.999);
  EXPECT_EQ(tempInputIndex("temp12_input"), 12);
  EXPECT_EQ(tempInputIndex("temp_input"), std::nullopt);
  EXPECT_EQ(tempInputIndex("temp1_label"), std::nullopt);
  EXPECT_EQ(tempInputIndex("temp-1_input"), std::nullopt);
  EXPECT_EQ(tempInputIndex("temp99999999999999999999_input"), std::nullopt);
}

TEST(CollectorThermal, NoHwmonIsNoData) {
  TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(ThermalCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/sys/class/hwmon/hwmon0/name", "nct6779\n");
  tree.write("/sys/class/hwmon/hwmon1/temp1_input", "-273150\n");
  tree.fifo("/sys/class/hwmon/hwmon1/temp2_input");
  EXPECT_EQ(ThermalCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  EXPECT_TRUE(snapshot.state.temperatures.empty());
}

}  // namespace
}  // namespace parc::agent::collectors
