// Every collector on each captured machine root, with the exact values its files hold
// (tests/fixtures/SOURCES.md says where each file comes from).

#include <gtest/gtest.h>

#include <map>

#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "shared/report_json.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent {
namespace {

using Statuses = std::map<std::string, std::string>;

CollectionResult collectRoot(std::string_view machine) {
  return runCollectors(makeCollectors(), FsRoot(testing::rootDir(machine)));
}

Statuses statuses(const CollectionResult& result) {
  Statuses out;
  for (const auto& run : result.runs) out[run.name] = run.status;
  return out;
}

void expectEncodable(const Snapshot& snapshot) {
  const auto decoded = decodeInventory(encodeInventory(snapshot.inventory));
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_EQ(encodeInventory(*decoded), encodeInventory(snapshot.inventory));
}

void expectFilesystem(const Filesystem& fs, std::string_view mount, std::string_view device,
                      std::string_view type) {
  EXPECT_EQ(fs.mount, mount);
  EXPECT_EQ(fs.device, std::string(device));
  EXPECT_EQ(fs.type, std::string(type));
  EXPECT_EQ(fs.size_bytes, std::nullopt);  // no statvfs on a captured tree
}

TEST(CollectorRootLaptop, ThinkPadT480) {
  const auto result = collectRoot("laptop");
  EXPECT_EQ(statuses(result), (Statuses{{"system", "ok"}, {"cpu", "ok"}, {"memory", "ok"}, {"os", "ok"},
                                        {"uptime", "ok"}, {"network", "ok"}, {"storage", "ok"},
                                        {"smart", "no_data"}, {"usb", "ok"}, {"displays", "ok"},
                                        {"battery", "ok"}, {"thermal", "ok"}, {"software", "ok"}}));
  const Inventory& inv = result.snapshot.inventory;
  EXPECT_EQ(inv.system.manufacturer, "LENOVO");
  EXPECT_EQ(inv.system.model, "ThinkPad T480");
  EXPECT_EQ(inv.system.version, "20L5CTO1WW");
  EXPECT_EQ(inv.system.serial, std::nullopt);  // "--" in the anonymised capture
  EXPECT_EQ(inv.system.uuid, std::nullopt);
  EXPECT_EQ(inv.system.sku, "LENOVO_MT_20L5_BU_Think_FM_ThinkPad T480");
  EXPECT_EQ(inv.system.family, "ThinkPad T480");
  EXPECT_EQ(inv.system.asset_tag, std::nullopt);
  EXPECT_EQ(inv.system.chassis, "laptop");
  ASSERT_TRUE(inv.system.bios);
  EXPECT_EQ(inv.system.bios->vendor, "LENOVO");
  EXPECT_EQ(inv.system.bios->version, "N24ET64W (1.39 )");
  EXPECT_EQ(inv.system.bios->date, "2021-07-06");
  ASSERT_TRUE(inv.system.baseboard);
  EXPECT_EQ(inv.system.baseboard->manufacturer, "LENOVO");
  EXPECT_EQ(inv.system.baseboard->product, "20L5CTO1WW");
  EXPECT_EQ(inv.system.baseboard->version, std::nullopt);  // "Not Defined"
  EXPECT_EQ(inv.system.baseboard->serial, std::nullopt);

  ASSERT_EQ(inv.cpus.size(), 1u);
  EXPECT_EQ(inv.cpus[0].model, "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz");
  EXPECT_EQ(inv.cpus[0].cores, 4);
  EXPECT_EQ(inv.cpus[0].threads, 8);
  EXPECT_EQ(inv.memory.total_bytes, 15666184LL * 1024);
  EXPECT_EQ(inv.memory.swap_bytes, 0);

  EXPECT_EQ(inv.os.name, "Debian GNU/Linux 11 (bullseye)");
  EXPECT_EQ(inv.os.id, "debian");
  EXPECT_EQ(inv.os.version_id, "11");
  EXPECT_EQ(inv.os.kernel, "5.10.0-28-amd64");
  EXPECT_EQ(inv.os.hostname, "salle-b12-portable07");
  EXPECT_EQ(inv.os.timezone, "Europe/Paris");
  EXPECT_EQ(inv.os.arch, std::nullopt);
  EXPECT_EQ(result.snapshot.state.uptime_s, 5231);

  ASSERT_EQ(inv.network.size(), 1u);  // lo is skipped
  EXPECT_EQ(inv.network[0].name, "eth0");
  EXPECT_EQ(inv.network[0].mac, "01:01:01:01:01:01");
  EXPECT_EQ(inv.network[0].type, "wired");
  EXPECT_EQ(inv.network[0].speed_mbps, 1000);
  EXPECT_EQ(inv.network[0].driver, std::nullopt);
  EXPECT_TRUE(inv.network[0].addresses.empty());

  ASSERT_EQ(inv.disks.size(), 1u);
  EXPECT_EQ(inv.disks[0].name, "sda");
  EXPECT_EQ(inv.disks[0].size_bytes, 3750748848LL * 512);
  EXPECT_EQ(inv.disks[0].rotational, true);
  EXPECT_EQ(inv.disks[0].removable, std::nullopt);
  EXPECT_EQ(inv.disks[0].model, std::nullopt);

  ASSERT_EQ(inv.filesystems.size(), 3u);
  expectFilesystem(inv.filesystems[0], "/", "/dev/sda2", "ext4");
  expectFilesystem(inv.filesystems[1], "/boot/efi", "/dev/sda1", "vfat");
  expectFilesystem(inv.filesystems[2], "/media/eleve/CLE USB", "/dev/sdb1", "vfat");
  EXPECT_TRUE(result.snapshot.state.filesystems.empty());
  EXPECT_TRUE(result.snapshot.state.disks.empty());  // no smartctl in the captured tree

  ASSERT_EQ(inv.usb.size(), 3u);  // usb1, the root hub, is not a device of its own
  EXPECT_EQ(inv.usb[0].vendor_id, "0b8c");
  EXPECT_EQ(inv.usb[0].product_id, "0001");
  EXPECT_EQ(inv.usb[0].device_class, "whiteboard");
  EXPECT_EQ(inv.usb[0].product, std::nullopt);
  EXPECT_EQ(inv.usb[1].device_class, "hub");
  EXPECT_EQ(inv.usb[1].manufacturer, "Broadcom");
  EXPECT_EQ(inv.usb[2].device_class, "other");
  EXPECT_EQ(inv.usb[2].serial, "S/N:28A1CC69D1D8AE4585EDA53F7CD6CB88 Rev:NBRMSAAHDM:");
  const auto& peripherals = result.snapshot.state.peripherals;
  ASSERT_EQ(peripherals.size(), 1u);
  EXPECT_EQ(peripherals[0].vendor_id, "0b8c");
  EXPECT_EQ(peripherals[0].product_id, "0001");
  EXPECT_EQ(peripherals[0].device_class, "whiteboard");

  ASSERT_EQ(inv.displays.size(), 2u);  // card0-DP-1 has an empty EDID: nothing plugged
  EXPECT_EQ(inv.displays[0].connector, "HDMI-A-1");
  EXPECT_EQ(inv.displays[0].kind, "projector");
  EXPECT_EQ(inv.displays[0].manufacturer, "Seiko Epson Corporation");
  EXPECT_EQ(inv.displays[0].manufacturer_code, "SEC");
  EXPECT_EQ(inv.displays[0].model, "EPSON PJ");
  EXPECT_EQ(inv.displays[0].year, 2013);
  EXPECT_EQ(inv.displays[1].connector, "eDP-1");
  EXPECT_EQ(inv.displays[1].kind, "internal");
  EXPECT_EQ(inv.displays[1].model, "Internal LCD");

  // sys/firmware/dmi/tables holds a Surface Laptop 3 table (SOURCES.md): its maker differs
  // from the ThinkPad's DMI values, so only its memory modules are taken.
  ASSERT_EQ(inv.memory.modules.size(), 2u);
  EXPECT_EQ(inv.memory.modules[0].manufacturer, "Hynix");
  EXPECT_EQ(inv.memory.modules[0].part_number, "HMAA1GS6CMR6N-UH");
  ASSERT_EQ(inv.batteries.size(), 1u);
  EXPECT_EQ(inv.batteries[0].name, "BAT0");
  EXPECT_EQ(inv.batteries[0].design_capacity_uwh, 47520000);
  ASSERT_EQ(result.snapshot.state.batteries.size(), 1u);
  EXPECT_EQ(result.snapshot.state.batteries[0].charge_pct, 98.0);
  ASSERT_EQ(result.snapshot.state.temperatures.size(), 7u);
  EXPECT_EQ(result.snapshot.state.temperatures[0].label, "Physical id 0");
  ASSERT_EQ(inv.software.size(), 3u);  // adduser is "deinstall ok config-files"
  EXPECT_EQ(inv.software[0].name, "bash");
  expectEncodable(result.snapshot);
}

TEST(CollectorRootDesktop, OptiPlex7090) {
  const auto result = collectRoot("desktop");
  EXPECT_EQ(statuses(result), (Statuses{{"system", "ok"}, {"cpu", "ok"}, {"memory", "ok"}, {"os", "ok"},
                                        {"uptime", "no_data"}, {"network", "no_data"}, {"storage", "ok"},
                                        {"smart", "ok"}, {"usb", "no_data"}, {"displays", "ok"},
                                        {"battery", "no_data"}, {"thermal", "ok"}, {"software", "ok"}}));
  const Inventory& inv = result.snapshot.inventory;
  EXPECT_EQ(inv.system.manufacturer, "Dell Inc.");
  EXPECT_EQ(inv.system.model, "OptiPlex 7090");
  EXPECT_EQ(inv.system.version, std::nullopt);  // "Not Specified"
  EXPECT_EQ(inv.system.sku, "0A52");
  EXPECT_EQ(inv.system.family, "OptiPlex");
  EXPECT_EQ(inv.system.chassis, "desktop");
  ASSERT_TRUE(inv.system.bios);
  EXPECT_EQ(inv.system.bios->vendor, "Dell Inc.");
  EXPECT_EQ(inv.system.bios->version, "1.8.2");
  EXPECT_EQ(inv.system.bios->date, "2022-06-07");
  ASSERT_TRUE(inv.system.baseboard);
  EXPECT_EQ(inv.system.baseboard->product, "0FKVT5");
  EXPECT_EQ(inv.system.baseboard->version, "A01");

  ASSERT_EQ(inv.cpus.size(), 1u);
  EXPECT_EQ(inv.cpus[0].model, "Intel(R) Core(TM) i3 CPU M 350 @ 2.27GHz");
  EXPECT_EQ(inv.memory.total_bytes, 3742148LL * 1024);
  EXPECT_EQ(inv.memory.swap_bytes, 4194300LL * 1024);

  EXPECT_EQ(inv.os.name, "Fedora Linux 35 (Thirty Five)");  // from /usr/lib/os-release
  EXPECT_EQ(inv.os.hostname, "cdi-poste01");                 // from /etc/hostname
  EXPECT_EQ(inv.os.timezone, "Europe/Paris");                // from /etc/timezone
  EXPECT_EQ(inv.os.kernel, std::nullopt);

  ASSERT_EQ(inv.disks.size(), 1u);  // sys/block/sda, written from the smartctl capture
  EXPECT_EQ(inv.disks[0].model, "Hitachi HDS72105");
  EXPECT_EQ(inv.disks[0].size_bytes, 976773168LL * 512);
  EXPECT_EQ(inv.disks[0].rotational, true);
  // capture/smartctl/sda.json: smartctl's own verdict and the raw counts, not a live run.
  ASSERT_EQ(result.snapshot.state.disks.size(), 1u);
  const auto& smart = result.snapshot.state.disks[0].smart;
  ASSERT_TRUE(smart);
  EXPECT_EQ(smart->passed, false);
  EXPECT_EQ(smart->exit_status, 216);
  EXPECT_EQ(smart->reallocated, 1975);
  EXPECT_EQ(smart->pending, 8);
  ASSERT_EQ(inv.filesystems.size(), 1u);  // mountinfo only; nfs and the bind mount left out
  expectFilesystem(inv.filesystems[0], "/", "/dev/sda1", "ext4");
  ASSERT_EQ(inv.displays.size(), 1u);
  EXPECT_EQ(inv.displays[0].connector, "DP-1");
  EXPECT_EQ(inv.displays[0].kind, "monitor");
  EXPECT_EQ(inv.displays[0].manufacturer, "Dell Inc.");
  EXPECT_EQ(inv.displays[0].model, "DELL U2415");
  EXPECT_EQ(inv.displays[0].serial, "7MT019AI34EU");
  EXPECT_EQ(inv.displays[0].width_cm, 52);
  EXPECT_EQ(inv.displays[0].height_cm, 32);
  EXPECT_EQ(inv.displays[0].year, 2019);
  EXPECT_EQ(inv.displays[0].week, 42);
  EXPECT_TRUE(inv.memory.modules.empty());  // no raw SMBIOS table in this root
  EXPECT_EQ(result.snapshot.state.temperatures.size(), 7u);
  EXPECT_EQ(inv.software.size(), 5u);
  expectEncodable(result.snapshot);
}

TEST(CollectorRootServer, PowerEdgeR6515) {
  const auto result = collectRoot("server");
  EXPECT_EQ(statuses(result), (Statuses{{"system", "ok"}, {"cpu", "ok"}, {"memory", "ok"}, {"os", "ok"},
                                        {"uptime", "no_data"}, {"network", "no_data"}, {"storage", "ok"},
                                        {"smart", "no_data"}, {"usb", "no_data"}, {"displays", "no_data"},
                                        {"battery", "no_data"}, {"thermal", "no_data"}, {"software", "no_data"}}));
  const Inventory& inv = result.snapshot.inventory;
  EXPECT_EQ(inv.system.manufacturer, "Dell Inc.");
  EXPECT_EQ(inv.system.model, "PowerEdge R6515");
  EXPECT_EQ(inv.system.version, std::nullopt);  // bytes lost in the capture: U+FFFD and a control
  EXPECT_EQ(inv.system.serial, "7N62AI2");
  EXPECT_EQ(inv.system.uuid, "83340ca8-cb49-4474-8c29-d2088ca84dd9");
  EXPECT_EQ(inv.system.sku, "SKU=NotProvided;ModelName=PowerEdge R6515");
  EXPECT_EQ(inv.system.family, "PowerEdge");
  EXPECT_EQ(inv.system.asset_tag, std::nullopt);  // empty file
  EXPECT_EQ(inv.system.chassis, "server");        // 23, rack mount
  ASSERT_TRUE(inv.system.bios);
  EXPECT_EQ(inv.system.bios->date, "2021-04-12");
  EXPECT_EQ(inv.system.bios->version, "2.2.4");
  ASSERT_TRUE(inv.system.baseboard);
  EXPECT_EQ(inv.system.baseboard->serial, ".7N62AI2.GRTCL6944100GP.");
  EXPECT_EQ(inv.system.baseboard->product, "07PXPY");

  ASSERT_EQ(inv.cpus.size(), 1u);
  EXPECT_EQ(inv.cpus[0].physical_id, 1);
  EXPECT_EQ(inv.cpus[0].model, "Intel(R) Xeon(R) CPU E5504 @ 2.00GHz");
  EXPECT_EQ(inv.os.name, "Ubuntu 20.04.2 LTS");
  EXPECT_EQ(inv.os.version_id, "20.04");
  EXPECT_EQ(inv.os.hostname, std::nullopt);
  ASSERT_EQ(inv.filesystems.size(), 4u);
  expectFilesystem(inv.filesystems[0], "/", "/dev/dm-2", "ext4");
  expectFilesystem(inv.filesystems[1], "/boot", "/dev/sda3", "ext2");
  expectEncodable(result.snapshot);
}

TEST(CollectorRootVm, VmwareGuest) {
  const auto result = collectRoot("vm");
  EXPECT_EQ(statuses(result), (Statuses{{"system", "ok"}, {"cpu", "ok"}, {"memory", "ok"}, {"os", "ok"},
                                        {"uptime", "no_data"}, {"network", "no_data"}, {"storage", "ok"},
                                        {"smart", "no_data"}, {"usb", "no_data"}, {"displays", "no_data"},
                                        {"battery", "no_data"}, {"thermal", "no_data"}, {"software", "no_data"}}));
  const Inventory& inv = result.snapshot.inventory;
  EXPECT_EQ(inv.system.manufacturer, "VMware, Inc.");
  EXPECT_EQ(inv.system.model, "VMware Virtual Platform");
  EXPECT_EQ(inv.system.version, std::nullopt);
  EXPECT_EQ(inv.system.serial, "VMware-50 0c 23 94 04 63 a1 3c-0d d4 f5 37 a6 bb f0 a6");
  EXPECT_EQ(inv.system.uuid, "500c2394-0127-d13c-0cc4-f537a6aaf1a6");
  EXPECT_EQ(inv.system.sku, std::nullopt);
  EXPECT_EQ(inv.system.family, std::nullopt);
  EXPECT_EQ(inv.system.asset_tag, std::nullopt);  // "No Asset Tag"
  EXPECT_EQ(inv.system.chassis, "vm");
  ASSERT_TRUE(inv.system.bios);
  EXPECT_EQ(inv.system.bios->vendor, "Phoenix Technologies LTD");
  EXPECT_EQ(inv.system.bios->version, "6.00");
  EXPECT_EQ(inv.system.bios->date, "2008-07-22");
  ASSERT_TRUE(inv.system.baseboard);
  EXPECT_EQ(inv.system.baseboard->manufacturer, "Intel Corporation");
  EXPECT_EQ(inv.system.baseboard->product, "440BX Desktop Reference Platform");
  EXPECT_EQ(inv.system.baseboard->version, std::nullopt);
  EXPECT_EQ(inv.system.baseboard->serial, std::nullopt);

  ASSERT_EQ(inv.cpus.size(), 1u);
  EXPECT_EQ(inv.cpus[0].threads, 2);
  EXPECT_EQ(inv.cpus[0].physical_id, std::nullopt);
  EXPECT_EQ(inv.os.name, "CentOS Linux 7 (Core)");
  EXPECT_EQ(inv.os.kernel, "3.10.0-1160.el7.x86_64");
  ASSERT_EQ(inv.filesystems.size(), 2u);  // from /proc/mounts, the fallback
  expectFilesystem(inv.filesystems[0], "/", "/dev/mapper/centos-root", "xfs");
  expectFilesystem(inv.filesystems[1], "/boot", "/dev/sda1", "xfs");
  expectEncodable(result.snapshot);
}

TEST(CollectorRootMissing, EveryCollectorSaysNoData) {
  const auto result = runCollectors(makeCollectors(), FsRoot(testing::fixturesDir() / "roots" / "absent"));
  ASSERT_EQ(result.runs.size(), makeCollectors().size());
  for (const auto& run : result.runs) {
    EXPECT_EQ(run.status, "no_data") << run.name;
    EXPECT_TRUE(run.detail && !run.detail->empty()) << run.name;
  }
}

}  // namespace
}  // namespace parc::agent
