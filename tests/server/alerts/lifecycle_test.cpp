// The lifecycle plan: open, repeat, update, damped clearing, held alerts.

#include <gtest/gtest.h>

#include "server/alerts/lifecycle.h"

namespace parc::server::alerts {
namespace {

Finding found(const char* rule, const char* key, const char* severity = "warning", const char* level = "") {
  return Finding{rule, key, severity, "résumé", "détails", level};
}

ActiveAlert active(const char* id, const char* rule, const char* key, std::int64_t clear_count = 0,
                   bool held = false) {
  return ActiveAlert{id, rule, key, "warning", "", clear_count, held};
}

const auto kThree = [](const std::string&) -> std::int64_t { return 3; };

TEST(Lifecycle, AFindingWithoutAlertOpensOne) {
  const auto plan = reconcile({}, {found("battery_worn", "BAT0")}, {"battery_worn"}, kThree);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].step, Step::open);
  EXPECT_EQ(plan[0].finding->key, "BAT0");
}

TEST(Lifecycle, DuplicateFindingsOpenOneAlert) {
  const auto plan = reconcile({}, {found("kit_gone", "x"), found("kit_gone", "x")}, {"kit_gone"}, kThree);
  EXPECT_EQ(plan.size(), 1u);
}

TEST(Lifecycle, SameFindingRepeatsQuietlyAndAChangeIsAnUpdate) {
  const std::vector<ActiveAlert> alerts{active("a1", "disk_ata_sectors", "sda")};
  auto plan = reconcile(alerts, {found("disk_ata_sectors", "sda")}, {"disk_ata_sectors"}, kThree);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].step, Step::repeat);
  plan = reconcile(alerts, {found("disk_ata_sectors", "sda", "warning", "8")}, {"disk_ata_sectors"}, kThree);
  EXPECT_EQ(plan[0].step, Step::update);
  plan = reconcile(alerts, {found("disk_ata_sectors", "sda", "critical")}, {"disk_ata_sectors"}, kThree);
  EXPECT_EQ(plan[0].step, Step::update);
}

TEST(Lifecycle, ClearingIsDampedAndAFindingResetsIt) {
  auto plan = reconcile({active("a1", "battery_worn", "BAT0", 0)}, {}, {"battery_worn"}, kThree);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].step, Step::clearing);
  EXPECT_EQ(plan[0].clear_count, 1);
  plan = reconcile({active("a1", "battery_worn", "BAT0", 1)}, {}, {"battery_worn"}, kThree);
  EXPECT_EQ(plan[0].step, Step::clearing);
  EXPECT_EQ(plan[0].clear_count, 2);
  plan = reconcile({active("a1", "battery_worn", "BAT0", 2)}, {}, {"battery_worn"}, kThree);
  EXPECT_EQ(plan[0].step, Step::resolve);
  // Back before the damping ran out: a repeat, the clearing starts over.
  plan = reconcile({active("a1", "battery_worn", "BAT0", 2)}, {found("battery_worn", "BAT0")}, {"battery_worn"},
                   kThree);
  EXPECT_EQ(plan[0].step, Step::repeat);
}

TEST(Lifecycle, OnlyEvaluatedRulesClear) {
  const auto plan = reconcile({active("a1", "component_removed", "memory:DIMM A1")}, {}, {"battery_worn"}, kThree);
  EXPECT_TRUE(plan.empty());
}

TEST(Lifecycle, HeldAlertStaysSilentUntilItsConditionGoes) {
  const std::vector<ActiveAlert> held{active("a1", "kit_gone", "pen", 0, true)};
  EXPECT_TRUE(reconcile(held, {found("kit_gone", "pen")}, {"kit_gone"}, kThree).empty());
  const auto plan = reconcile(held, {}, {"kit_gone"}, kThree);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].step, Step::release);
}

}  // namespace
}  // namespace parc::server::alerts
