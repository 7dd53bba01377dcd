#pragma once
// Checks that every field a snapshot holds is well-formed, whatever produced it.

#include <arpa/inet.h>

#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "agent/collectors/collector.h"
#include "agent/collectors/mounts.h"
#include "agent/collectors/text.h"

namespace parc::agent::testing {

inline void expectCleanText(const OptString& value, const char* what) {
  if (!value) return;
  EXPECT_FALSE(value->empty()) << what;
  EXPECT_TRUE(collectors::isCleanText(*value)) << what << ": " << *value;
  EXPECT_EQ(collectors::trim(*value).size(), value->size()) << what << " is not trimmed: '" << *value << "'";
}

inline void expectOneOf(const OptString& value, const std::set<std::string>& allowed, const char* what) {
  if (value) {
    EXPECT_TRUE(allowed.contains(*value)) << what << ": " << *value;
  }
}

inline void expectSystemWellFormed(const SystemInfo& s) {
  for (const auto& [value, what] : {std::pair{&s.manufacturer, "manufacturer"}, {&s.model, "model"},
                                    {&s.version, "version"}, {&s.serial, "serial"}, {&s.sku, "sku"},
                                    {&s.family, "family"}, {&s.asset_tag, "asset_tag"}}) {
    expectCleanText(*value, what);
  }
  if (s.uuid) {
    EXPECT_TRUE(std::regex_match(*s.uuid, std::regex("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"))) << *s.uuid;
  }
  expectOneOf(s.chassis, {"desktop", "laptop", "tablet", "convertible", "all-in-one", "mini-pc", "server", "vm", "other"},
              "chassis");
  if (s.bios) {
    expectCleanText(s.bios->vendor, "bios.vendor");
    expectCleanText(s.bios->version, "bios.version");
    if (s.bios->date) {
      EXPECT_TRUE(std::regex_match(*s.bios->date, std::regex("(19|20|21)\\d\\d-[01]\\d-[0-3]\\d"))) << *s.bios->date;
    }
  }
}

inline void expectInventoryWellFormed(const Inventory& inv) {
  expectSystemWellFormed(inv.system);
  for (const auto& cpu : inv.cpus) {
    expectCleanText(cpu.vendor, "cpu.vendor");
    expectCleanText(cpu.model, "cpu.model");
    if (cpu.threads) {
      EXPECT_GE(*cpu.threads, 1);
    }
    if (cpu.cores) {
      EXPECT_GE(*cpu.cores, 1);
    }
    if (cpu.cores && cpu.threads) {
      EXPECT_LE(*cpu.cores, *cpu.threads);
    }
    if (cpu.mhz) {
      EXPECT_GT(*cpu.mhz, 0);
    }
    if (cpu.physical_id) {
      EXPECT_GE(*cpu.physical_id, 0);
    }
  }
  if (inv.memory.total_bytes) {
    EXPECT_GT(*inv.memory.total_bytes, 0);
  }
  if (inv.memory.swap_bytes) {
    EXPECT_GE(*inv.memory.swap_bytes, 0);
  }
  for (const auto& [value, what] : {std::pair{&inv.os.name, "os.name"}, {&inv.os.id, "os.id"},
                                    {&inv.os.version_id, "os.version_id"}, {&inv.os.kernel, "os.kernel"},
                                    {&inv.os.arch, "os.arch"}, {&inv.os.hostname, "os.hostname"},
                                    {&inv.os.timezone, "os.timezone"}}) {
    expectCleanText(*value, what);
  }
  if (inv.os.hostname) {
    EXPECT_EQ(inv.os.hostname->find(' '), std::string::npos);
  }
  for (const auto& nic : inv.network) {
    EXPECT_FALSE(nic.name.empty());
    EXPECT_NE(nic.name, "lo");
    if (nic.mac) {
      EXPECT_TRUE(std::regex_match(*nic.mac, std::regex("[0-9a-f]{2}(:[0-9a-f]{2}){5,19}"))) << *nic.mac;
    }
    expectCleanText(nic.driver, "nic.driver");
    expectOneOf(nic.type, {"wired", "wireless", "virtual"}, "nic.type");
    if (nic.speed_mbps) {
      EXPECT_GT(*nic.speed_mbps, 0);
    }
    for (const auto& address : nic.addresses) {
      unsigned char buffer[16];
      EXPECT_TRUE(::inet_pton(AF_INET, address.c_str(), buffer) == 1 ||
                  ::inet_pton(AF_INET6, address.c_str(), buffer) == 1) << address;
    }
  }
  for (const auto& disk : inv.disks) {
    EXPECT_FALSE(disk.name.empty());
    if (disk.size_bytes) {
      EXPECT_GT(*disk.size_bytes, 0) << disk.name;
    }
    expectCleanText(disk.model, "disk.model");
    expectCleanText(disk.serial, "disk.serial");
    expectCleanText(disk.firmware, "disk.firmware");
    expectOneOf(disk.transport, {"nvme", "virtio", "xen", "mmc", "usb", "sata", "scsi"}, "disk.transport");
  }
  for (const auto& fs : inv.filesystems) {
    ASSERT_FALSE(fs.mount.empty());
    EXPECT_EQ(fs.mount.front(), '/');
    ASSERT_TRUE(fs.type);
    EXPECT_TRUE(collectors::isDiskFilesystem(*fs.type)) << *fs.type;
    if (fs.size_bytes) {
      EXPECT_GT(*fs.size_bytes, 0) << fs.mount;
    }
    if (fs.size_bytes && fs.free_bytes) {
      EXPECT_LE(*fs.free_bytes, *fs.size_bytes) << fs.mount;
    }
  }
}

inline void expectSnapshotWellFormed(const Snapshot& snapshot) {
  expectInventoryWellFormed(snapshot.inventory);
  if (snapshot.state.uptime_s) {
    EXPECT_GE(*snapshot.state.uptime_s, 0);
  }
  for (const auto& fs : snapshot.state.filesystems) {
    bool listed = false;
    for (const auto& known : snapshot.inventory.filesystems) listed = listed || known.mount == fs.mount;
    EXPECT_TRUE(listed) << fs.mount;
    ASSERT_TRUE(fs.size_bytes && fs.free_bytes) << fs.mount;
    EXPECT_GT(*fs.size_bytes, 0);
    EXPECT_LE(*fs.free_bytes, *fs.size_bytes);
  }
}

}  // namespace parc::agent::testing
