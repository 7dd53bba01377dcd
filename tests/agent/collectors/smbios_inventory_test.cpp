// The raw SMBIOS table as report fields, and the system collector using it.

#include "agent/collectors/smbios_inventory.h"

#include <gtest/gtest.h>

#include "agent/collectors/system.h"
#include "tests/agent/collectors/smbios_builders.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using testing::readFixture;
using testing::TempTree;

std::string fixture(std::string_view name) { return readFixture(std::filesystem::path("smbios-raw") / name); }

SmbiosInfo decodeBare(std::string_view name) {
  const auto table = parseBareSmbiosTable(fixture(name), {3, 3, 0});
  EXPECT_TRUE(table.ok());
  return table.ok() ? decodeSmbios(*table) : SmbiosInfo{};
}

// A machine root with the table under /sys/firmware/dmi/tables behind a 64-bit entry point.
void writeTable(const TempTree& tree, const std::string& table, int major = 3, int minor = 3) {
  tree.write(kSmbiosEntryPointPath, testing::entryPoint64(major, minor, 0, static_cast<std::uint32_t>(table.size())));
  tree.write(kSmbiosTablePath, table);
}

TEST(SmbiosInventory, ModulesSkipEmptySlotsAndKeepSlotsDistinct) {
  const auto modules = memoryModulesFromSmbios(decodeBare("ASRock-Single-Ryzen.dmi"));
  ASSERT_EQ(modules.size(), 2u);  // DIMM 0 of both channels is empty
  EXPECT_EQ(modules[0].slot, "P0 CHANNEL A DIMM 1");
  EXPECT_EQ(modules[1].slot, "P0 CHANNEL B DIMM 1");
  EXPECT_EQ(modules[0].size_bytes, 32LL << 30);  // size 0x7fff: the extended size, 32768 MiB
  EXPECT_EQ(modules[0].type, "DDR4");
  EXPECT_EQ(modules[0].speed_mts, 2400);
  EXPECT_EQ(modules[0].manufacturer, "Kingston");
  EXPECT_EQ(modules[0].serial, "254857A6");
  EXPECT_EQ(modules[0].part_number, "KF3200C16D4/32GX");  // trailing spaces trimmed
}

TEST(SmbiosInventory, ConfiguredSpeedWinsOverTheRatedOne) {
  const auto table = parseSmbiosDump(fixture("Beelink-EQ12.dmi"));
  ASSERT_TRUE(table.ok());
  const auto modules = memoryModulesFromSmbios(decodeSmbios(*table));
  ASSERT_EQ(modules.size(), 1u);
  EXPECT_EQ(modules[0].slot, "Controller0-ChannelA-DIMM0");
  EXPECT_EQ(modules[0].speed_mts, 4800);  // rated 5600
  EXPECT_EQ(modules[0].type, "DDR5");
  EXPECT_EQ(modules[0].size_bytes, 16LL << 30);
}

TEST(SmbiosInventory, PlaceholdersDoNotFillTheSystem) {
  const auto table = parseSmbiosDump(fixture("Beelink-EQ12.dmi"));
  ASSERT_TRUE(table.ok());
  SystemInfo system;
  fillSystemFromSmbios(decodeSmbios(*table), system);
  EXPECT_EQ(system.manufacturer, "AZW");
  EXPECT_EQ(system.model, "EQ");
  EXPECT_EQ(system.serial, "BN1004GH10075");
  EXPECT_EQ(system.version, std::nullopt);  // "Default string"
  EXPECT_EQ(system.sku, std::nullopt);
  EXPECT_EQ(system.uuid, std::nullopt);  // 03000200-0400-0500-0006-000700080009
  ASSERT_TRUE(system.bios);
  EXPECT_EQ(system.bios->date, "2023-12-15");
  ASSERT_TRUE(system.baseboard);
  EXPECT_EQ(system.baseboard->serial, std::nullopt);
}

TEST(SmbiosInventory, FillsOnlyWhatIsMissingAndOnlyForTheSameMachine) {
  const SmbiosInfo dell = decodeBare("Dell-PowerEdge-R630-Dual-Xeon.dmi");
  SystemInfo system;
  system.manufacturer = "Dell Inc.";
  system.serial = "FROM-SYSFS";
  fillSystemFromSmbios(dell, system);
  EXPECT_EQ(system.serial, "FROM-SYSFS");
  EXPECT_EQ(system.model, "PowerEdge R630");
  EXPECT_EQ(system.uuid, "4c4c4544-0039-3010-8048-b7c04f384432");
  EXPECT_EQ(system.chassis, chassisFromType(*dell.chassis->type));
  SystemInfo other;
  other.manufacturer = "LENOVO";
  fillSystemFromSmbios(dell, other);
  EXPECT_EQ(other.model, std::nullopt);
  EXPECT_EQ(other.bios, std::nullopt);
}

TEST(SmbiosInventory, BatteriesFromType22) {
  SmbiosInfo info;
  SmbiosBattery raw;
  raw.manufacturer = "SMP";
  raw.name = "DELL JHXPY53";
  raw.serial = "Not Specified";
  raw.chemistry = "Li-poly";
  raw.design_capacity_mwh = 57530;
  info.batteries.push_back(raw);
  const auto batteries = batteriesFromSmbios(info);
  ASSERT_EQ(batteries.size(), 1u);
  EXPECT_EQ(batteries[0].name, "smbios0");
  EXPECT_EQ(batteries[0].model, "DELL JHXPY53");
  EXPECT_EQ(batteries[0].serial, std::nullopt);
  EXPECT_EQ(batteries[0].design_capacity_uwh, 57530000);
}

TEST(SmbiosSystemCollector, TableAddsModulesAndMissingFields) {
  TempTree tree;
  tree.write("/sys/class/dmi/id/sys_vendor", "Dell Inc.\n");
  tree.write("/sys/class/dmi/id/product_name", "PowerEdge R630\n");
  writeTable(tree, fixture("Dell-PowerEdge-R630-Dual-Xeon.dmi"));
  Snapshot snapshot;
  const auto outcome = SystemCollector().collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  EXPECT_TRUE(outcome.detail.empty()) << outcome.detail;
  EXPECT_EQ(snapshot.inventory.system.serial, "790H8D2");
  EXPECT_EQ(snapshot.inventory.system.sku, "SKU=NotProvided;ModelName=PowerEdge R630");
  ASSERT_EQ(snapshot.inventory.memory.modules.size(), 2u);  // A3 and A4 of 24 slots
  EXPECT_EQ(snapshot.inventory.memory.modules[0].slot, "A3");
  EXPECT_EQ(snapshot.inventory.memory.modules[0].part_number, "18ASF2G72PDZ-2G3B1");
}

TEST(SmbiosSystemCollector, TableAloneIsEnough) {
  TempTree tree;
  writeTable(tree, fixture("SuperMicro-Dual-Xeon.dmi"));
  Snapshot snapshot;
  const auto outcome = SystemCollector().collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.system.manufacturer, "Supermicro");
  EXPECT_EQ(snapshot.inventory.system.version, std::nullopt);  // "0123456789"
  EXPECT_EQ(snapshot.inventory.memory.modules.size(), 16u);
}

TEST(SmbiosSystemCollector, BrokenTableIsReportedAndDmiValuesStand) {
  TempTree tree;
  tree.write("/sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n");
  writeTable(tree, fixture("HyperV.dmi"));
  Snapshot snapshot;
  const auto outcome = SystemCollector().collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  EXPECT_NE(outcome.detail.find("/sys/firmware/dmi/tables/DMI"), std::string::npos) << outcome.detail;
  EXPECT_NE(outcome.detail.find("length 0"), std::string::npos) << outcome.detail;
  EXPECT_EQ(snapshot.inventory.system.manufacturer, "Microsoft Corporation");
  EXPECT_TRUE(snapshot.inventory.memory.modules.empty());

  TempTree only_broken;
  writeTable(only_broken, fixture("HyperV.dmi"));
  Snapshot empty;
  const auto none = SystemCollector().collect(FsRoot(only_broken.path()), empty);
  EXPECT_EQ(none.status, CollectStatus::kNoData);
  EXPECT_NE(none.detail.find("length 0"), std::string::npos) << none.detail;
}

TEST(SmbiosSystemCollector, GarbageEntryPointOrTable) {
  TempTree tree;
  tree.write("/sys/class/dmi/id/sys_vendor", "LENOVO\n");
  tree.write(kSmbiosEntryPointPath, std::string("\xff\x00garbage", 9));
  tree.write(kSmbiosTablePath, std::string(300, '\x07'));
  Snapshot snapshot;
  const auto outcome = SystemCollector().collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  EXPECT_NE(outcome.detail.find("smbios_entry_point"), std::string::npos) << outcome.detail;
  TempTree dir_instead;
  dir_instead.mkdir(kSmbiosTablePath);
  tree.write(kSmbiosEntryPointPath, testing::entryPoint64(3, 3, 0, 10));
  EXPECT_EQ(SystemCollector().collect(FsRoot(dir_instead.path()), snapshot).status, CollectStatus::kNoData);
}

}  // namespace
}  // namespace parc::agent::collectors
