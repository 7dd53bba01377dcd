// Every file the collectors read, replaced by something hostile. No collector may
// crash or hang, and whatever lands in the snapshot must still be well-formed.

#include <gtest/gtest.h>

#include <map>

#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "shared/report_json.h"
#include "tests/agent/collectors/shape_check.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent {
namespace {

constexpr const char* kReadPaths[] = {
    "/sys/class/dmi/id/sys_vendor", "/sys/class/dmi/id/product_name", "/sys/class/dmi/id/product_version",
    "/sys/class/dmi/id/product_serial", "/sys/class/dmi/id/product_uuid", "/sys/class/dmi/id/chassis_type",
    "/sys/class/dmi/id/bios_date", "/sys/class/dmi/id/board_serial",
    "/proc/cpuinfo", "/proc/meminfo", "/proc/uptime", "/etc/os-release", "/usr/lib/os-release",
    "/proc/sys/kernel/osrelease", "/proc/sys/kernel/hostname", "/etc/hostname", "/etc/timezone",
    "/sys/class/net/eth0/address", "/sys/class/net/eth0/speed", "/sys/class/net/eth0/type",
    "/sys/block/sda/size", "/sys/block/sda/removable", "/sys/block/sda/queue/rotational",
    "/sys/block/sda/device/model", "/sys/block/sda/device/serial",
    "/proc/self/mounts", "/proc/mounts", "/proc/self/mountinfo",
    "/usr/sbin/smartctl", "/sys/bus/usb/devices/1-1/idVendor", "/sys/bus/usb/devices/1-1/idProduct",
    "/sys/class/drm/card0-HDMI-A-1/edid",
};

using Statuses = std::map<std::string, std::string>;

Statuses runAll(const testing::TempTree& tree, Snapshot* snapshot = nullptr) {
  auto result = runCollectors(makeCollectors(), FsRoot(tree.path()));
  Statuses statuses;
  for (const auto& run : result.runs) statuses[run.name] = run.status;
  testing::expectSnapshotWellFormed(result.snapshot);
  const auto decoded = decodeInventory(encodeInventory(result.snapshot.inventory));
  EXPECT_TRUE(decoded.ok()) << decoded.error();
  if (snapshot) *snapshot = std::move(result.snapshot);
  return statuses;
}

TEST(CollectorHostile, EmptyFiles) {
  testing::TempTree tree;
  for (const char* path : kReadPaths) tree.write(path, "");
  Snapshot snapshot;
  EXPECT_EQ(runAll(tree, &snapshot),
            (Statuses{{"system", "no_data"}, {"cpu", "error"}, {"memory", "error"}, {"os", "no_data"},
                      {"uptime", "error"}, {"network", "ok"}, {"storage", "ok"},
                      {"battery", "no_data"}, {"thermal", "no_data"}, {"software", "no_data"},
                      {"smart", "no_data"}, {"usb", "no_data"}, {"displays", "no_data"}}));
  ASSERT_EQ(snapshot.inventory.network.size(), 1u);  // a name, nothing else
  EXPECT_EQ(snapshot.inventory.network[0].mac, std::nullopt);
  ASSERT_EQ(snapshot.inventory.disks.size(), 1u);
  EXPECT_EQ(snapshot.inventory.disks[0].size_bytes, std::nullopt);
  EXPECT_TRUE(snapshot.inventory.filesystems.empty());
}

TEST(CollectorHostile, GarbageBytes) {
  testing::TempTree tree;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  for (const char* path : kReadPaths) tree.write(path, garbage);
  const Statuses statuses = runAll(tree);
  EXPECT_EQ(statuses.at("memory"), "error");
  EXPECT_EQ(statuses.at("uptime"), "error");
  EXPECT_EQ(statuses.at("system"), "no_data");
}

TEST(CollectorHostile, TruncatedRealFiles) {
  testing::TempTree tree;
  const std::string cpuinfo = testing::readFixture("cpuinfo/glpi-agent-toshiba-r630-2-core.txt");
  const std::string meminfo = testing::readFixture("proc/procfs-fixture-meminfo.txt");
  const std::string_view cut_after = "model name\t: Int";
  ASSERT_NE(cpuinfo.find(cut_after), std::string::npos);
  tree.write("/proc/cpuinfo", cpuinfo.substr(0, cpuinfo.find(cut_after) + cut_after.size()));
  tree.write("/proc/meminfo", meminfo.substr(0, 12));  // "MemTotal:   " and no number
  tree.write("/proc/uptime", "52");
  tree.write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Li");
  tree.write("/proc/self/mountinfo", "29 1 259:2 / / rw,relatime shared:1 - ext");
  Snapshot snapshot;
  const Statuses statuses = runAll(tree, &snapshot);
  EXPECT_EQ(statuses.at("cpu"), "ok");
  ASSERT_EQ(snapshot.inventory.cpus.size(), 1u);
  EXPECT_EQ(snapshot.inventory.cpus[0].model, "Int");  // what the cut left
  EXPECT_EQ(statuses.at("memory"), "error");
  EXPECT_EQ(snapshot.state.uptime_s, 52);
  EXPECT_EQ(snapshot.inventory.os.name, std::nullopt);  // unterminated quote
  EXPECT_TRUE(snapshot.inventory.filesystems.empty());
}

TEST(CollectorHostile, AbsurdNumbers) {
  testing::TempTree tree;
  tree.write("/proc/meminfo", "MemTotal: 18446744073709551615 kB\nSwapTotal: -1 kB\n");
  tree.write("/proc/uptime", "1e400 0");
  tree.write("/sys/class/dmi/id/chassis_type", "4294967296\n");
  tree.write("/sys/class/dmi/id/bios_date", "99/99/9999\n");
  tree.write("/sys/class/dmi/id/sys_vendor", "Acer\n");
  tree.write("/sys/block/sda/size", "18446744073709551615\n");
  tree.write("/sys/class/net/eth0/speed", "2147483647000\n");
  Snapshot snapshot;
  const Statuses statuses = runAll(tree, &snapshot);
  EXPECT_EQ(statuses.at("memory"), "error");
  EXPECT_EQ(statuses.at("uptime"), "error");
  EXPECT_EQ(statuses.at("system"), "ok");
  EXPECT_EQ(snapshot.inventory.system.chassis, std::nullopt);
  ASSERT_TRUE(snapshot.inventory.system.bios.has_value() == false);
  EXPECT_EQ(snapshot.inventory.disks.at(0).size_bytes, std::nullopt);
  EXPECT_EQ(snapshot.inventory.network.at(0).speed_mbps, std::nullopt);
}

TEST(CollectorHostile, DirectoriesWhereFilesShouldBe) {
  testing::TempTree tree;
  for (const char* path : kReadPaths) tree.mkdir(path);
  Snapshot snapshot;
  EXPECT_EQ(runAll(tree, &snapshot),
            (Statuses{{"system", "no_data"}, {"cpu", "no_data"}, {"memory", "no_data"}, {"os", "no_data"},
                      {"uptime", "no_data"}, {"network", "ok"}, {"storage", "ok"},
                      {"battery", "no_data"}, {"thermal", "no_data"}, {"software", "no_data"},
                      {"smart", "no_data"}, {"usb", "no_data"}, {"displays", "no_data"}}));
  // sda and eth0 exist as directories, so they are listed, with nothing known about them.
  ASSERT_EQ(snapshot.inventory.disks.size(), 1u);
  EXPECT_EQ(snapshot.inventory.disks[0].size_bytes, std::nullopt);
  EXPECT_EQ(snapshot.inventory.disks[0].model, std::nullopt);
  ASSERT_EQ(snapshot.inventory.network.size(), 1u);
  EXPECT_EQ(snapshot.inventory.network[0].mac, std::nullopt);
  EXPECT_TRUE(snapshot.inventory.filesystems.empty());
}

TEST(CollectorHostile, FifosDoNotBlock) {
  testing::TempTree tree;
  tree.fifo("/proc/cpuinfo");
  tree.fifo("/proc/self/mounts");
  tree.fifo("/sys/class/dmi/id/sys_vendor");
  const Statuses statuses = runAll(tree);
  EXPECT_EQ(statuses.at("cpu"), "no_data");
  EXPECT_EQ(statuses.at("system"), "no_data");
}

TEST(CollectorHostile, UnreadableFiles) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  testing::TempTree tree;
  tree.write("/proc/cpuinfo", "processor : 0\nvendor_id : GenuineIntel\n");
  tree.write("/sys/class/dmi/id/product_serial", "SECRET\n");
  tree.write("/sys/class/dmi/id/sys_vendor", "HP\n");
  std::filesystem::permissions(tree.at("/proc/cpuinfo"), std::filesystem::perms::none);
  std::filesystem::permissions(tree.at("/sys/class/dmi/id/product_serial"), std::filesystem::perms::none);
  Snapshot snapshot;
  const Statuses statuses = runAll(tree, &snapshot);
  EXPECT_EQ(statuses.at("cpu"), "no_data");
  EXPECT_EQ(statuses.at("system"), "ok");
  EXPECT_EQ(snapshot.inventory.system.serial, std::nullopt);
  EXPECT_EQ(snapshot.inventory.system.manufacturer, "HP");
}

}  // namespace
}  // namespace parc::agent
