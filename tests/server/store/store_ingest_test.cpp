// Conformance: ingestion, idempotence, send_full, component history.
#include "shared/report_json.h"
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {
namespace {

using Log = std::vector<std::pair<std::uint64_t, std::string>>;

TEST_P(StoreConformance, FullThenStateReport) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  const Inventory inventory = sampleInventory("poste-03");
  const IngestResult full = ingestOk(enrolled, fullReport(1, inventory), at("2026-11-23T08:00:05Z"));
  EXPECT_EQ(full.ack, 1u);
  EXPECT_FALSE(full.send_full);
  EXPECT_FALSE(full.replayed);
  const IngestResult state =
      ingestOk(enrolled, stateReport(2, inventoryHash(inventory)), at("2026-11-23T08:15:05Z"));
  EXPECT_EQ(state.ack, 2u);
  EXPECT_FALSE(state.send_full);

  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->summary.hostname, "poste-03");
  EXPECT_EQ(device->summary.manufacturer, "Acer");
  EXPECT_EQ(device->summary.model, "TravelMate B118-RN");
  EXPECT_EQ(device->summary.serial, "NXVHPEF00112233");
  EXPECT_EQ(device->summary.os, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(device->summary.kind, "laptop");
  EXPECT_EQ(device->summary.last_seq, 2u);
  EXPECT_EQ(device->summary.last_seen_at, "2026-11-23T08:15:05Z");
  EXPECT_EQ(device->inventory_json, encodeInventory(inventory));
  EXPECT_EQ(device->state_json, encodeState(stateReport(2, std::nullopt).state));
  EXPECT_EQ(device->state_collected_at, "2026-11-23T08:15:03Z");
  EXPECT_EQ(store_->reportLog(Scope::everything(), enrolled.device_id), (Log{{1, "full"}, {2, "state"}}));
}

TEST_P(StoreConformance, TheServerComputesTheInventoryHash) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  const Inventory inventory = sampleInventory();
  ingestOk(enrolled, fullReport(1, inventory));  // claims a wrong hash
  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->inventory_hash, inventoryHash(inventory));
}

TEST_P(StoreConformance, ChassisBecomesTheKind) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  inventory.system.chassis = "all-in-one";
  ingestOk(enrolled, fullReport(1, inventory));
  EXPECT_EQ(store_->getDevice(Scope::everything(), enrolled.device_id)->summary.kind, "all_in_one");  // the API's spelling
  inventory.system.chassis = "spaceship";
  ingestOk(enrolled, fullReport(2, inventory));
  EXPECT_EQ(store_->getDevice(Scope::everything(), enrolled.device_id)->summary.kind, "other");
}

TEST_P(StoreConformance, SendFullWhenTheServerLacksTheInventory) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  const Inventory inventory = sampleInventory();
  EXPECT_TRUE(ingestOk(enrolled, stateReport(1, inventoryHash(inventory))).send_full);
  EXPECT_TRUE(ingestOk(enrolled, stateReport(2, std::nullopt)).send_full);
  EXPECT_FALSE(ingestOk(enrolled, fullReport(3, inventory)).send_full);
  EXPECT_FALSE(ingestOk(enrolled, stateReport(4, inventoryHash(inventory))).send_full);
  EXPECT_FALSE(ingestOk(enrolled, stateReport(5, std::nullopt)).send_full);
  EXPECT_TRUE(ingestOk(enrolled, stateReport(6, inventoryHash(sampleInventory("renamed")))).send_full);
}

TEST_P(StoreConformance, AReplayGetsTheSameAnswerAndIsStoredOnce) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  const IngestResult first = ingestOk(enrolled, stateReport(1, std::nullopt));
  ASSERT_TRUE(first.send_full);
  ingestOk(enrolled, fullReport(2, sampleInventory("first-name")));
  // The server now has the inventory, but the answer to seq 1 stays what it was.
  const IngestResult replay = ingestOk(enrolled, stateReport(1, std::nullopt));
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.ack, 1u);
  EXPECT_TRUE(replay.send_full);
  // Replaying a full report with other content changes nothing.
  const IngestResult full_replay = ingestOk(enrolled, fullReport(2, sampleInventory("other-name")));
  EXPECT_TRUE(full_replay.replayed);
  EXPECT_FALSE(full_replay.send_full);
  EXPECT_TRUE(full_replay.changes.empty());
  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->summary.hostname, "first-name");
  EXPECT_EQ(store_->reportLog(Scope::everything(), enrolled.device_id), (Log{{1, "state"}, {2, "full"}}));
}

TEST_P(StoreConformance, LastSeqIsTheHighestSeen) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  ingestOk(enrolled, stateReport(5, std::nullopt));
  ingestOk(enrolled, stateReport(3, std::nullopt));
  EXPECT_EQ(store_->getDevice(Scope::everything(), enrolled.device_id)->summary.last_seq, 5u);
  EXPECT_EQ(store_->reportLog(Scope::everything(), enrolled.device_id), (Log{{3, "state"}, {5, "state"}}));
}

TEST_P(StoreConformance, AReenrolledAgentCountingFromOneAgainIsNotAReplay) {
  const Machine machine{"3c1f8a52-2222-4a2b-9c3d-0123456789ab", std::nullopt, "pc", {}};
  const EnrollResult first = enrollOk(token(a1_.id), machine);
  ingestOk(first, stateReport(1, std::nullopt));
  const EnrollResult again = enrollOk(token(a1_.id), machine);
  const IngestResult result = ingestOk(again, fullReport(1, sampleInventory("reinstalled")));
  EXPECT_FALSE(result.replayed);
  EXPECT_EQ(store_->getDevice(Scope::everything(), again.device_id)->summary.hostname, "reinstalled");
}

TEST_P(StoreConformance, AnUnchangedInventoryIsNotRewritten) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  const Inventory inventory = sampleInventory();
  EXPECT_TRUE(ingestOk(enrolled, fullReport(1, inventory)).changes.empty());
  const IngestResult again = ingestOk(enrolled, fullReport(2, inventory));
  EXPECT_TRUE(again.changes.empty());
  EXPECT_TRUE(store_->getDevice(Scope::everything(), enrolled.device_id)->history.empty());
}

TEST_P(StoreConformance, AChangeOutsideComponentsRewritesTheInventoryWithoutHistory) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  ingestOk(enrolled, fullReport(1, inventory));
  inventory.software.push_back(Package{.name = "libreoffice", .version = "7.4", .arch = "amd64", .extra = {}});
  EXPECT_TRUE(ingestOk(enrolled, fullReport(2, inventory)).changes.empty());
  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->inventory_hash, inventoryHash(inventory));
  EXPECT_TRUE(device->history.empty());
}

TEST_P(StoreConformance, ComponentChangesAreRecordedNewestFirst) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  ingestOk(enrolled, fullReport(1, inventory), at("2026-11-23T08:00:00Z"));

  inventory.disks[0].serial = "S3Z1NEW";
  inventory.batteries.clear();
  const IngestResult second = ingestOk(enrolled, fullReport(2, inventory), at("2026-11-24T08:00:00Z"));
  ASSERT_EQ(second.changes.size(), 2u);
  EXPECT_EQ(second.changes[0].component, "battery");
  EXPECT_EQ(second.changes[0].change, "removed");
  EXPECT_EQ(second.changes[1].component, "disk");
  EXPECT_EQ(second.changes[1].change, "replaced");
  EXPECT_EQ(second.changes[1].key, "sda");
  EXPECT_EQ(second.changes[1].at, "2026-11-24T08:00:00Z");

  MemoryModule module;
  module.slot = "DIMM B1";
  module.serial = "M0002";
  inventory.memory.modules.push_back(module);
  inventory.system.serial = "NXVHPEF99999999";  // the motherboard was swapped
  const IngestResult third = ingestOk(enrolled, fullReport(3, inventory), at("2026-11-25T08:00:00Z"));
  ASSERT_EQ(third.changes.size(), 2u);
  EXPECT_EQ(third.changes[0].component, "memory");
  EXPECT_EQ(third.changes[0].change, "added");
  EXPECT_EQ(third.changes[0].key, "DIMM B1");
  EXPECT_EQ(third.changes[1].component, "system");
  EXPECT_EQ(third.changes[1].change, "replaced");

  // The next diff compares against what was stored: the same inventory adds nothing.
  EXPECT_TRUE(ingestOk(enrolled, fullReport(4, inventory)).changes.empty());
  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  ASSERT_EQ(device->history.size(), 4u);
  EXPECT_EQ(device->history[0].at, "2026-11-25T08:00:00Z");
  EXPECT_EQ(device->history[3].at, "2026-11-24T08:00:00Z");
  for (const ComponentChange& change : device->history) {
    if (change.component == "disk") {
      EXPECT_EQ(change.before, "Samsung SSD 860 EVO 500 GB #S3Z1NB0K");
      EXPECT_EQ(change.after, "Samsung SSD 860 EVO 500 GB #S3Z1NEW");
    }
  }
}

TEST_P(StoreConformance, AComponentRemovedThenBackIsAddedAgain) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  ingestOk(enrolled, fullReport(1, inventory));
  const Inventory without_battery = [&] {
    Inventory copy = inventory;
    copy.batteries.clear();
    return copy;
  }();
  EXPECT_EQ(ingestOk(enrolled, fullReport(2, without_battery)).changes.size(), 1u);
  const IngestResult back = ingestOk(enrolled, fullReport(3, inventory));
  ASSERT_EQ(back.changes.size(), 1u);
  EXPECT_EQ(back.changes[0].change, "added");
  EXPECT_EQ(back.changes[0].component, "battery");
}

TEST_P(StoreConformance, IngestRefusesAnUnknownAgentAndAFullReportWithoutInventory) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  AgentIdentity stranger = agentOf(enrolled);
  stranger.agent_id = "no-such-agent";
  EXPECT_FALSE(store_->ingest(stranger, stateReport(1, std::nullopt), now_).ok());
  Report broken = fullReport(2, sampleInventory());
  broken.inventory.reset();
  EXPECT_FALSE(store_->ingest(agentOf(enrolled), broken, now_).ok());
  EXPECT_TRUE(store_->reportLog(Scope::everything(), enrolled.device_id).empty());
}

}  // namespace
}  // namespace parc::server::testing
