#include "agent/collectors/storage.h"

#include <gtest/gtest.h>

#include "agent/collectors/block_devices.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

const Disk* find(const std::vector<Disk>& disks, std::string_view name) {
  for (const auto& disk : disks) {
    if (disk.name == name) return &disk;
  }
  return nullptr;
}

TEST(CollectorStorage, BlockNames) {
  for (const char* name : {"sda", "nvme0n1", "vda", "mmcblk0", "md0", "xvda"}) {
    EXPECT_TRUE(isPhysicalBlockName(name)) << name;
  }
  for (const char* name : {"loop0", "ram0", "zram0", "dm-0", "sr0", "fd0", "nbd0", ""}) {
    EXPECT_FALSE(isPhysicalBlockName(name)) << name;
  }
}

TEST(CollectorStorage, Transports) {
  EXPECT_EQ(transportFor("nvme0n1", ""), "nvme");
  EXPECT_EQ(transportFor("vda", ""), "virtio");
  EXPECT_EQ(transportFor("mmcblk0", ""), "mmc");
  EXPECT_EQ(transportFor("sda", "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda"), "sata");
  EXPECT_EQ(transportFor("sdb", "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb"), "usb");
  EXPECT_EQ(transportFor("sdc", "/sys/devices/pci0000:00/0000:00:10.0/host2/target2:0:0/2:0:0:0/block/sdc"), "scsi");
  EXPECT_EQ(transportFor("sdd", "/sys/block/sdd"), std::nullopt);
}

// Disks laid out as the kernel does: /sys/block/<name> links into /sys/devices.
class CollectorStorageTree : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string sata = "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0";
    tree_.write(sata + "/block/sda/size", "500118192\n");
    tree_.write(sata + "/block/sda/removable", "0\n");
    tree_.write(sata + "/block/sda/queue/rotational", "0\n");
    tree_.write(sata + "/model", "Samsung SSD 860 \n");
    tree_.write(sata + "/vendor", "ATA     \n");
    tree_.write(sata + "/rev", "4B6Q\n");
    tree_.write(sata + "/wwid", "t10.ATA     Samsung SSD 860 EVO 250GB  S3YHNX0M123456\n");
    tree_.symlink("../..", sata + "/block/sda/device");
    tree_.symlink("../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda", "/sys/block/sda");

    const std::string usb = "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0";
    tree_.write(usb + "/block/sdb/size", "60566016\n");
    tree_.write(usb + "/block/sdb/removable", "1\n");
    tree_.write(usb + "/vendor", "SanDisk \n");
    tree_.write(usb + "/model", "Ultra           \n");
    tree_.symlink("../..", usb + "/block/sdb/device");
    tree_.symlink("../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb", "/sys/block/sdb");

    const std::string nvme = "/sys/devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0";
    tree_.write(nvme + "/model", "SAMSUNG MZVLB512HAJQ-000L7\n");
    tree_.write(nvme + "/serial", "S3TNNX0K812345      \n");
    tree_.write(nvme + "/firmware_rev", "4L2QEXA7\n");
    tree_.write(nvme + "/nvme0n1/size", "1000215216\n");
    tree_.write(nvme + "/nvme0n1/queue/rotational", "0\n");
    tree_.symlink("../../nvme0", nvme + "/nvme0n1/device");
    tree_.symlink("../devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1", "/sys/block/nvme0n1");

    tree_.write("/sys/block/loop0/size", "1024\n");
    tree_.write("/sys/block/sr0/size", "2097152\n");
    tree_.write("/sys/block/mmcblk0/size", "0\n");  // card reader without a card
    tree_.write("/proc/self/mounts",
                "/dev/nvme0n1p2 / ext4 rw 0 0\n/dev/nvme0n1p1 /boot/efi vfat rw 0 0\ntmpfs /run tmpfs rw 0 0\n");
  }
  testing::TempTree tree_;
};

TEST_F(CollectorStorageTree, DescribesDisks) {
  Snapshot snapshot;
  ASSERT_EQ(StorageCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  const auto& disks = snapshot.inventory.disks;
  ASSERT_EQ(disks.size(), 3u);

  const Disk* sda = find(disks, "sda");
  ASSERT_NE(sda, nullptr);
  EXPECT_EQ(sda->model, "Samsung SSD 860");
  EXPECT_EQ(sda->vendor, std::nullopt);  // "ATA" names the translation layer
  EXPECT_EQ(sda->serial, "t10.ATA     Samsung SSD 860 EVO 250GB  S3YHNX0M123456");
  EXPECT_EQ(sda->firmware, "4B6Q");
  EXPECT_EQ(sda->size_bytes, 500118192LL * 512);
  EXPECT_EQ(sda->rotational, false);
  EXPECT_EQ(sda->removable, false);
  EXPECT_EQ(sda->transport, "sata");

  const Disk* sdb = find(disks, "sdb");
  ASSERT_NE(sdb, nullptr);
  EXPECT_EQ(sdb->vendor, "SanDisk");
  EXPECT_EQ(sdb->model, "Ultra");
  EXPECT_EQ(sdb->removable, true);
  EXPECT_EQ(sdb->rotational, std::nullopt);
  EXPECT_EQ(sdb->transport, "usb");

  const Disk* nvme = find(disks, "nvme0n1");
  ASSERT_NE(nvme, nullptr);
  EXPECT_EQ(nvme->model, "SAMSUNG MZVLB512HAJQ-000L7");
  EXPECT_EQ(nvme->serial, "S3TNNX0K812345");
  EXPECT_EQ(nvme->firmware, "4L2QEXA7");
  EXPECT_EQ(nvme->size_bytes, 1000215216LL * 512);
  EXPECT_EQ(nvme->transport, "nvme");
}

TEST_F(CollectorStorageTree, FilesystemsWithoutSpaceOnACapturedTree) {
  Snapshot snapshot;
  ASSERT_EQ(StorageCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.filesystems.size(), 2u);
  EXPECT_EQ(snapshot.inventory.filesystems[0].mount, "/");
  EXPECT_EQ(snapshot.inventory.filesystems[1].mount, "/boot/efi");
  EXPECT_EQ(snapshot.inventory.filesystems[0].size_bytes, std::nullopt);
  EXPECT_TRUE(snapshot.state.filesystems.empty());
}

TEST_F(CollectorStorageTree, SpaceFromTheInjectedSource) {
  StorageCollector collector([](const std::string& mount) -> std::optional<SpaceUsage> {
    if (mount == "/") return SpaceUsage{256'000'000'000, 100'000'000'000};
    return std::nullopt;  // as if statvfs failed on /boot/efi
  });
  Snapshot snapshot;
  ASSERT_EQ(collector.collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.filesystems[0].size_bytes, 256'000'000'000);
  EXPECT_EQ(snapshot.inventory.filesystems[0].free_bytes, 100'000'000'000);
  EXPECT_EQ(snapshot.inventory.filesystems[1].size_bytes, std::nullopt);
  ASSERT_EQ(snapshot.state.filesystems.size(), 1u);
  EXPECT_EQ(snapshot.state.filesystems[0].mount, "/");
  EXPECT_EQ(snapshot.state.filesystems[0].free_bytes, 100'000'000'000);
}

TEST_F(CollectorStorageTree, MountTableFallbacks) {
  std::filesystem::remove(tree_.at("/proc/self/mounts"));
  tree_.write("/proc/mounts", "/dev/sda1 /data xfs rw 0 0\n");
  tree_.write("/proc/self/mountinfo", "29 1 8:1 / /ignored ext4 rw - ext4 /dev/sda9 rw\n");
  Snapshot snapshot;
  ASSERT_EQ(StorageCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.filesystems.size(), 1u);
  EXPECT_EQ(snapshot.inventory.filesystems[0].mount, "/data");
  std::filesystem::remove(tree_.at("/proc/mounts"));
  Snapshot second;
  ASSERT_EQ(StorageCollector().collect(FsRoot(tree_.path()), second).status, CollectStatus::kOk);
  ASSERT_EQ(second.inventory.filesystems.size(), 1u);
  EXPECT_EQ(second.inventory.filesystems[0].device, "/dev/sda9");
}

TEST(CollectorStorage, HostileSizesAndFlags) {
  testing::TempTree tree;
  tree.write("/sys/block/sda/size", "99999999999999999\n");  // * 512 overflows
  tree.write("/sys/block/sda/removable", "7\n");
  tree.mkdir("/sys/block/sda/queue/rotational");
  tree.write("/sys/block/sdb/size", "-8\n");
  tree.write("/sys/block/sdc/size", "\xff\xfe");
  Snapshot snapshot;
  ASSERT_EQ(StorageCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.disks.size(), 3u);
  for (const auto& disk : snapshot.inventory.disks) {
    EXPECT_EQ(disk.size_bytes, std::nullopt) << disk.name;
    EXPECT_EQ(disk.removable, std::nullopt) << disk.name;
    EXPECT_EQ(disk.rotational, std::nullopt) << disk.name;
  }
}

TEST(CollectorStorage, NothingIsNoData) {
  testing::TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(StorageCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/proc/self/mounts", "proc /proc proc rw 0 0\n");
  tree.write("/sys/block/loop0/size", "8\n");
  EXPECT_EQ(StorageCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
}

}  // namespace
}  // namespace parc::agent::collectors
