#include "agent/collectors/mounts.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

struct Expected {
  std::string mount, device, type;
};

void expectFilesystems(const std::vector<Filesystem>& got, const std::vector<Expected>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].mount, want[i].mount) << i;
    EXPECT_EQ(got[i].device, want[i].device) << i;
    EXPECT_EQ(got[i].type, want[i].type) << i;
    EXPECT_EQ(got[i].size_bytes, std::nullopt);
  }
}

TEST(CollectorMounts, NodeExporterMountinfo) {
  const auto entries = parseMountinfo(testing::readFixture("proc/node_exporter-fixture-mountinfo.txt"));
  EXPECT_EQ(entries.size(), 32u);
  const std::string vmdk =
      "bafb9e5a-8856-7e6c-699c-801844e77a4a/kubernetes-dynamic-pvc-3eba5bba-48a3-11e8-89ab-005056b92113.vmdk";
  const std::string mounts = "/var/lib/kubelet/plugins/kubernetes.io/vsphere-volume/mounts/[vsanDatastore]";
  expectFilesystems(selectFilesystems(entries), {
                                                    {"/", "/dev/dm-2", "ext4"},
                                                    {"/boot", "/dev/sda3", "ext2"},
                                                    {mounts + " " + vmdk, "/dev/sda", "ext4"},
                                                    {mounts + "\t" + vmdk, "/dev/sda", "ext4"},
                                                    // the xfs bind mount of a subtree is left out
                                                });
}

TEST(CollectorMounts, ProcfsMountinfo) {
  const auto entries = parseMountinfo(testing::readFixture("proc/procfs-fixture-mountinfo.txt"));
  ASSERT_EQ(entries.size(), 8u);
  EXPECT_EQ(entries[0].mount, "/root");
  EXPECT_EQ(entries[0].type, "rootfs");
  EXPECT_EQ(entries[4].device, "192.168.1.1:/srv/test");
  EXPECT_EQ(entries[4].type, "nfs4");
  expectFilesystems(selectFilesystems(entries), {{"/", "/dev/sda1", "ext4"}});  // nfs is skipped
}

TEST(CollectorMounts, ProcMountsFormat) {
  const auto entries = parseMounts(
      "/dev/sda2 / ext4 rw,relatime 0 0\n"
      "proc /proc proc rw 0 0\n"
      "/dev/sdb1 /media/eleve/CLE\\040USB vfat rw 0 0\n"
      "/dev/sdc1 /mnt/win fuseblk rw 0 0\n"
      "overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0\n"
      "/dev/loop3 /snap/core/1 squashfs ro 0 0\n"
      "/dev/sda3 / btrfs rw 0 0\n");
  ASSERT_EQ(entries.size(), 7u);
  expectFilesystems(selectFilesystems(entries), {
                                                    {"/media/eleve/CLE USB", "/dev/sdb1", "vfat"},
                                                    {"/mnt/win", "/dev/sdc1", "fuseblk"},
                                                    {"/", "/dev/sda3", "btrfs"},  // the last "/" wins
                                                });
}

TEST(CollectorMounts, BtrfsSubvolumesAreNotBindMounts) {
  const auto entries = parseMountinfo(
      "30 1 0:26 /@ / rw,relatime shared:1 - btrfs /dev/nvme0n1p2 rw,subvol=/@\n"
      "31 30 0:26 /@home /home rw,relatime shared:2 - btrfs /dev/nvme0n1p2 rw,subvol=/@home\n"
      "32 30 259:1 /srv/x /mnt/bind rw,relatime shared:3 - ext4 /dev/nvme0n1p3 rw\n");
  expectFilesystems(selectFilesystems(entries), {{"/", "/dev/nvme0n1p2", "btrfs"},
                                                 {"/home", "/dev/nvme0n1p2", "btrfs"}});
}

TEST(CollectorMounts, Escapes) {
  EXPECT_EQ(decodeMountEscapes("a\\040b\\011c\\012d\\134e"), "a b\tc\nd\\e");
  EXPECT_EQ(decodeMountEscapes("trailing\\04"), "trailing\\04");
  EXPECT_EQ(decodeMountEscapes("\\000nul\\999"), "\\000nul\\999");
}

TEST(CollectorMounts, HostileLinesAreSkipped) {
  EXPECT_TRUE(parseMounts("").empty());
  EXPECT_TRUE(parseMounts("/dev/sda1 /\n").empty());                     // truncated
  EXPECT_TRUE(parseMounts("/dev/sda1 relative ext4 rw 0 0\n").empty());  // not a path
  EXPECT_TRUE(parseMounts("/dev/sda1 /\xff\xfe ext4 rw 0 0\n").empty());  // not UTF-8
  EXPECT_TRUE(parseMountinfo("29 1 259:2 / / rw,relatime shared:1\n").empty());  // no separator
  EXPECT_TRUE(parseMountinfo("29 1 259:2 / / rw - ext4\n").empty());             // no source
  EXPECT_TRUE(parseMountinfo("- ext4 /dev/sda1 rw\n").empty());
  EXPECT_TRUE(parseMountinfo(std::string(1000, '\x01')).empty());
}

TEST(CollectorMounts, DiskFilesystemTypes) {
  for (const char* type : {"ext4", "xfs", "btrfs", "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "f2fs"}) {
    EXPECT_TRUE(isDiskFilesystem(type)) << type;
  }
  for (const char* type : {"proc", "sysfs", "tmpfs", "devtmpfs", "cgroup", "cgroup2", "overlay",
                           "squashfs", "nfs", "nfs4", "cifs", "autofs", "fuse.gvfsd-fuse", ""}) {
    EXPECT_FALSE(isDiskFilesystem(type)) << type;
  }
}

}  // namespace
}  // namespace parc::agent::collectors
