// diffInventories / extractComponents, from tables of before -> after -> changes.
#include "server/ingest/inventory_diff.h"

#include <gtest/gtest.h>

#include <functional>

namespace parc::server {
namespace {

constexpr const char* kAt = "2026-11-23T08:00:00Z";

Inventory base() {
  Inventory inventory;
  inventory.system.manufacturer = "Dell Inc.";
  inventory.system.model = "OptiPlex 7010";
  inventory.system.serial = "7XK3Q12";
  Disk disk;
  disk.name = "sda";
  disk.model = "ST500DM002";
  disk.serial = "Z3T0AAAA";
  disk.size_bytes = 500'000'000'000;
  inventory.disks.push_back(disk);
  MemoryModule module;
  module.slot = "DIMM1";
  module.manufacturer = "Kingston";
  module.part_number = "KVR16N11/8";
  module.serial = "0A1B2C3D";
  module.size_bytes = 8LL << 30;
  inventory.memory.modules.push_back(module);
  Cpu cpu;
  cpu.model = "Intel(R) Core(TM) i5-3470";
  cpu.physical_id = 0;
  inventory.cpus.push_back(cpu);
  NetInterface nic;
  nic.name = "eno1";
  nic.mac = "F8:B1:56:00:00:01";
  inventory.network.push_back(nic);
  UsbDevice board;
  board.vendor_id = "0b8c";
  board.product_id = "0001";
  board.product = "SMART Board";
  inventory.usb.push_back(board);
  Display display;
  display.connector = "HDMI-A-1";
  display.manufacturer = "Epson";
  display.manufacturer_code = "ENC";
  display.product_code = 1234;
  display.serial = "X1";
  inventory.displays.push_back(display);
  return inventory;
}

struct Expected {
  std::string component, change, key;
};

struct DiffCase {
  const char* name;
  std::function<void(Inventory&)> edit;
  std::vector<Expected> changes;
};

std::vector<Expected> simplify(const std::vector<ComponentChange>& changes) {
  std::vector<Expected> out;
  for (const auto& change : changes) out.push_back({change.component, change.change, change.key});
  return out;
}

bool operator==(const Expected& a, const Expected& b) {
  return a.component == b.component && a.change == b.change && a.key == b.key;
}

void PrintTo(const Expected& e, std::ostream* os) { *os << e.component << "/" << e.change << "/" << e.key; }

const std::vector<DiffCase>& cases() {
  static const std::vector<DiffCase> kCases{
      {"nothing", [](Inventory&) {}, {}},
      {"hostname only", [](Inventory& i) { i.os.hostname = "renamed"; }, {}},
      {"disk swapped", [](Inventory& i) { i.disks[0].serial = "Z3T0BBBB"; }, {{"disk", "replaced", "sda"}}},
      {"disk added",
       [](Inventory& i) {
         Disk disk;
         disk.name = "sdb";
         disk.serial = "NEW";
         i.disks.push_back(disk);
       },
       {{"disk", "added", "sdb"}}},
      {"disk removed", [](Inventory& i) { i.disks.clear(); }, {{"disk", "removed", "sda"}}},
      {"disk without serial keeps model and size",
       [](Inventory& i) { i.disks[0].size_bytes = 1'000'000'000'000; },
       {}},
      {"memory module swapped", [](Inventory& i) { i.memory.modules[0].serial = "FFEE0011"; },
       {{"memory", "replaced", "DIMM1"}}},
      {"memory module removed", [](Inventory& i) { i.memory.modules.clear(); },
       {{"memory", "removed", "DIMM1"}}},
      {"cpu swapped", [](Inventory& i) { i.cpus[0].model = "Intel(R) Core(TM) i7-3770"; },
       {{"cpu", "replaced", "cpu0"}}},
      {"nic mac case only", [](Inventory& i) { i.network[0].mac = "f8:b1:56:00:00:01"; }, {}},
      {"nic replaced", [](Inventory& i) { i.network[0].mac = "f8:b1:56:00:00:02"; },
       {{"network", "replaced", "eno1"}}},
      {"virtual nic ignored",
       [](Inventory& i) {
         NetInterface docker;
         docker.name = "docker0";
         docker.mac = "02:42:ac:11:00:01";
         docker.type = "virtual";
         i.network.push_back(docker);
       },
       {}},
      {"usb whiteboard unplugged", [](Inventory& i) { i.usb.clear(); },
       {{"usb", "removed", "0b8c:0001:"}}},
      {"root hub ignored",
       [](Inventory& i) {
         UsbDevice hub;
         hub.vendor_id = "1d6b";
         hub.product_id = "0002";
         i.usb.push_back(hub);
       },
       {}},
      {"second identical usb device",
       [](Inventory& i) { i.usb.push_back(i.usb[0]); },
       {{"usb", "added", "0b8c:0001:#2"}}},
      {"projector swapped", [](Inventory& i) { i.displays[0].serial = "X2"; },
       {{"display", "replaced", "HDMI-A-1"}}},
      {"machine serial changed", [](Inventory& i) { i.system.serial = "9ZZ9Z99"; },
       {{"system", "replaced", "system"}}},
      {"several at once, in order",
       [](Inventory& i) {
         i.usb.clear();
         i.disks[0].serial = "other";
         i.memory.modules.clear();
       },
       {{"disk", "replaced", "sda"}, {"memory", "removed", "DIMM1"}, {"usb", "removed", "0b8c:0001:"}}},
  };
  return kCases;
}

TEST(StoreInventoryDiffTest, Table) {
  const Inventory before = base();
  for (const DiffCase& diff_case : cases()) {
    Inventory after = base();
    diff_case.edit(after);
    const auto changes = diffInventories(&before, after, kAt);
    EXPECT_EQ(simplify(changes), diff_case.changes) << diff_case.name;
    for (const auto& change : changes) EXPECT_EQ(change.at, kAt) << diff_case.name;
  }
}

TEST(StoreInventoryDiffTest, TheFirstInventoryIsABaseline) {
  EXPECT_TRUE(diffInventories(nullptr, base(), kAt).empty());
}

TEST(StoreInventoryDiffTest, ChangesCarryDescriptions) {
  const Inventory before = base();
  Inventory after = base();
  after.disks[0].serial = "Z3T0BBBB";
  after.memory.modules.clear();
  const auto changes = diffInventories(&before, after, kAt);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].before, "ST500DM002 500 GB #Z3T0AAAA");
  EXPECT_EQ(changes[0].after, "ST500DM002 500 GB #Z3T0BBBB");
  EXPECT_EQ(changes[1].before, "Kingston KVR16N11/8 8 GiB #0A1B2C3D");
  EXPECT_FALSE(changes[1].after.has_value());
}

TEST(StoreInventoryDiffTest, ExtractedComponentsAreSortedWithUniqueKeys) {
  Inventory inventory = base();
  MemoryModule unnamed;
  unnamed.serial = "A";
  inventory.memory.modules.push_back(unnamed);
  inventory.memory.modules.push_back(unnamed);
  const auto components = extractComponents(inventory);
  for (std::size_t i = 1; i < components.size(); ++i) {
    const auto& a = components[i - 1];
    const auto& b = components[i];
    EXPECT_TRUE(std::tie(a.component, a.key) < std::tie(b.component, b.key))
        << a.component << "/" << a.key << " then " << b.component << "/" << b.key;
  }
  EXPECT_EQ(components.size(), 9u);
}

TEST(StoreInventoryDiffTest, PlaceholderMemorySerialFallsBackToThePartNumber) {
  Inventory before = base();
  before.memory.modules[0].serial = "00000000";
  Inventory after = before;
  after.memory.modules[0].serial = "Not Specified";
  EXPECT_TRUE(diffInventories(&before, after, kAt).empty());
  after.memory.modules[0].part_number = "OTHER-PART";
  EXPECT_EQ(diffInventories(&before, after, kAt).size(), 1u);
}

}  // namespace
}  // namespace parc::server
