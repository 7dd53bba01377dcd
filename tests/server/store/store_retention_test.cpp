// Conformance: retention per collectivity prunes old reports and component
// history, keeps each device's newest report, and never touches another
// collectivity.
#include "shared/report_json.h"
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {
namespace {

using Log = std::vector<std::pair<std::uint64_t, std::string>>;

TEST_P(StoreConformance, RetentionPrunesOldReportsButKeepsTheNewest) {
  const EnrollResult in_a = enrollNew(a1_.id, "pc-a");
  const EnrollResult in_b = enrollNew(b1_.id, "pc-b");
  const Inventory inventory = sampleInventory();
  for (const auto* enrolled : {&in_a, &in_b}) {
    ingestOk(*enrolled, fullReport(1, inventory), at("2025-01-10T08:00:00Z"));
    ingestOk(*enrolled, stateReport(2, inventoryHash(inventory)), at("2025-02-10T08:00:00Z"));
    ingestOk(*enrolled, stateReport(3, inventoryHash(inventory)), at("2025-03-10T08:00:00Z"));
  }
  ASSERT_TRUE(store_->setRetention(a_.id, 6).ok());

  auto pruned = store_->pruneHistory(at("2026-11-23T08:00:00Z"));
  ASSERT_TRUE(pruned.ok()) << pruned.error();
  EXPECT_EQ(pruned->reports, 2);
  EXPECT_EQ(store_->reportLog(Scope::everything(), in_a.device_id), (Log{{3, "state"}}))
      << "the newest report is the device's current state: kept";
  EXPECT_EQ(store_->reportLog(Scope::everything(), in_b.device_id).size(), 3u)
      << "collectivity B has no retention set";
  // The device still shows its inventory and state.
  const auto device = store_->getDevice(Scope::everything(), in_a.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_TRUE(device->inventory_json.has_value());
  EXPECT_TRUE(device->state_json.has_value());
}

TEST_P(StoreConformance, RetentionPrunesOldComponentHistory) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  ingestOk(enrolled, fullReport(1, inventory), at("2025-01-10T08:00:00Z"));
  inventory.disks.at(0).serial = "REPLACED-DISK";
  ingestOk(enrolled, fullReport(2, inventory), at("2025-01-20T08:00:00Z"));
  ASSERT_FALSE(store_->getDevice(Scope::everything(), enrolled.device_id)->history.empty());

  ASSERT_TRUE(store_->setRetention(a_.id, 12).ok());
  ASSERT_TRUE(store_->pruneHistory(at("2025-06-01T00:00:00Z")).ok());
  EXPECT_FALSE(store_->getDevice(Scope::everything(), enrolled.device_id)->history.empty())
      << "younger than 12 months: kept";
  auto pruned = store_->pruneHistory(at("2026-11-23T00:00:00Z"));
  ASSERT_TRUE(pruned.ok());
  EXPECT_GE(pruned->component_changes, 1);
  EXPECT_TRUE(store_->getDevice(Scope::everything(), enrolled.device_id)->history.empty());
}

TEST_P(StoreConformance, RetentionSettingsAreChecked) {
  EXPECT_FALSE(store_->setRetention(a_.id, 0).ok());
  EXPECT_FALSE(store_->setRetention("no-such-collectivity", 6).ok());
  EXPECT_TRUE(store_->setRetention(a_.id, std::nullopt).ok());
}

}  // namespace
}  // namespace parc::server::testing
