#include "agent/report_builder.h"

#include <gtest/gtest.h>

#include "shared/report_json.h"

namespace parc::agent {
namespace {

Snapshot sampleSnapshot() {
  Snapshot snapshot;
  snapshot.inventory.system.serial = "NXVHPEF0";
  snapshot.inventory.disks.push_back(Disk{.name = "sda", .size_bytes = 500107862016});
  snapshot.state.uptime_s = 60;
  return snapshot;
}

const ReportContext kContext{"agent-1", "0.1.0", 9, TimePoint{std::chrono::seconds{1795420800}}};

TEST(ReportBuilder, FirstReportIsFull) {
  const Report report = buildReport(sampleSnapshot(), {}, Progress{}, kContext);
  EXPECT_EQ(report.kind, ReportKind::kFull);
  ASSERT_TRUE(report.inventory);
  EXPECT_EQ(report.inventory->system.serial, "NXVHPEF0");
  EXPECT_EQ(report.seq, 9u);
  EXPECT_EQ(report.agent.id, "agent-1");
  EXPECT_EQ(report.collected_at, "2026-11-23T08:00:00Z");
  EXPECT_TRUE(decodeReport(encodeReport(report)).ok());
}

TEST(ReportBuilder, AnUnchangedInventoryGivesAStateReport) {
  Progress progress;
  progress.inventory_hash = inventoryHash(sampleSnapshot().inventory);
  const Report report = buildReport(sampleSnapshot(), {}, progress, kContext);
  EXPECT_EQ(report.kind, ReportKind::kState);
  EXPECT_FALSE(report.inventory);
  EXPECT_EQ(report.inventory_hash, progress.inventory_hash);
  EXPECT_EQ(report.state.uptime_s, 60);
}

TEST(ReportBuilder, AChangedInventoryOrTheServersRequestGivesAFullReport) {
  Progress progress;
  progress.inventory_hash = inventoryHash(sampleSnapshot().inventory);
  Snapshot changed = sampleSnapshot();
  changed.inventory.disks[0].serial = "NEWDISK";
  EXPECT_EQ(buildReport(changed, {}, progress, kContext).kind, ReportKind::kFull);
  progress.send_full = true;
  EXPECT_EQ(buildReport(sampleSnapshot(), {}, progress, kContext).kind, ReportKind::kFull);
}

TEST(ReportBuilder, StateFiguresDoNotChangeTheInventoryHash) {
  Snapshot later = sampleSnapshot();
  later.state.uptime_s = 999999;
  EXPECT_EQ(inventoryHash(later.inventory), inventoryHash(sampleSnapshot().inventory));
}

}  // namespace
}  // namespace parc::agent
