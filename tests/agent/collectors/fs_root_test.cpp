#include "agent/collectors/fs_root.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent {
namespace {

using testing::TempTree;

TEST(CollectorFsRoot, LiveOnlyForSlash) {
  EXPECT_TRUE(FsRoot("/").isLiveSystem());
  EXPECT_TRUE(FsRoot().isLiveSystem());
  EXPECT_FALSE(FsRoot("/tmp").isLiveSystem());
  EXPECT_FALSE(FsRoot(testing::rootDir("laptop")).isLiveSystem());
}

TEST(CollectorFsRoot, ResolvesBelowTheRoot) {
  const FsRoot root("/data/roots/vm");
  EXPECT_EQ(root.resolve("/sys/class/dmi/id"), std::filesystem::path("/data/roots/vm/sys/class/dmi/id"));
  EXPECT_EQ(root.resolve("proc/cpuinfo"), std::filesystem::path("/data/roots/vm/proc/cpuinfo"));
  EXPECT_EQ(FsRoot("/").resolve("/proc/cpuinfo"), std::filesystem::path("/proc/cpuinfo"));
}

TEST(CollectorFsRoot, ReadsWholeFilesUpToTheLimit) {
  TempTree tree;
  tree.write("/proc/meminfo", "MemTotal: 1 kB\nSwapTotal: 2 kB\n");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.readFile("/proc/meminfo"), "MemTotal: 1 kB\nSwapTotal: 2 kB\n");
  EXPECT_EQ(root.readFile("/proc/meminfo", 8), "MemTotal");
  EXPECT_EQ(root.readFile("/proc/absent"), std::nullopt);
}

TEST(CollectorFsRoot, AttributesAreTrimmedAndEmptyIsAbsent) {
  TempTree tree;
  tree.write("/a/vendor", std::string("ATA     \n"));
  tree.write("/a/nul", std::string("Dell Inc.\0\0", 11));
  tree.write("/a/empty", "\n");
  tree.write("/a/two_lines", "first\nsecond\n");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.readAttribute("/a/vendor"), "ATA");
  EXPECT_EQ(root.readAttribute("/a/nul"), "Dell Inc.");
  EXPECT_EQ(root.readAttribute("/a/empty"), std::nullopt);
  EXPECT_EQ(root.readAttribute("/a/two_lines"), "first");
}

TEST(CollectorFsRoot, IntegersAreStrict) {
  TempTree tree;
  tree.write("/n/ok", "1000\n");
  tree.write("/n/negative", "-1\n");
  tree.write("/n/junk", "3750748848EOF");
  tree.write("/n/huge", "99999999999999999999999\n");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.readInteger("/n/ok"), 1000);
  EXPECT_EQ(root.readInteger("/n/negative"), -1);
  EXPECT_EQ(root.readInteger("/n/junk"), std::nullopt);
  EXPECT_EQ(root.readInteger("/n/huge"), std::nullopt);
}

TEST(CollectorFsRoot, TheRealTtarArtefactIsNotANumber) {
  const FsRoot root(testing::fixturesDir());
  EXPECT_EQ(root.readAttribute("/sysfs/procfs-sda-size-as-extracted"), "3750748848EOF");
  EXPECT_EQ(root.readInteger("/sysfs/procfs-sda-size-as-extracted"), std::nullopt);
}

TEST(CollectorFsRoot, DirectoriesAndFifosAreNotFiles) {
  TempTree tree;
  tree.mkdir("/proc/cpuinfo");
  tree.fifo("/proc/meminfo");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.readFile("/proc/cpuinfo"), std::nullopt);
  EXPECT_EQ(root.readAttribute("/proc/cpuinfo"), std::nullopt);
  EXPECT_EQ(root.readFile("/proc/meminfo"), std::nullopt);  // would block without O_NONBLOCK
  EXPECT_TRUE(root.exists("/proc/cpuinfo"));
}

TEST(CollectorFsRoot, ListsSortedAndMissingIsEmpty) {
  TempTree tree;
  tree.write("/sys/block/sdb/size", "1");
  tree.write("/sys/block/nvme0n1/size", "1");
  tree.write("/sys/block/sda/size", "1");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.list("/sys/block"), (std::vector<std::string>{"nvme0n1", "sda", "sdb"}));
  EXPECT_TRUE(root.list("/sys/class/net").empty());
}

TEST(CollectorFsRoot, LinkTargetNameIsTheLastComponent) {
  TempTree tree;
  tree.mkdir("/sys/bus/pci/drivers/e1000e");
  tree.symlink("../../../bus/pci/drivers/e1000e", "/sys/class/net/eth0/driver");
  tree.symlink("../../../devices/pci0000:00/0000:00:1f.6/", "/sys/class/net/eth0/device");
  tree.write("/sys/class/net/eth0/address", "x");
  const FsRoot root(tree.path());
  EXPECT_EQ(root.linkTargetName("/sys/class/net/eth0/driver"), "e1000e");
  EXPECT_EQ(root.linkTargetName("/sys/class/net/eth0/device"), "0000:00:1f.6");
  EXPECT_EQ(root.linkTargetName("/sys/class/net/eth0/address"), std::nullopt);
  EXPECT_EQ(root.linkTargetName("/sys/class/net/eth0/absent"), std::nullopt);
}

}  // namespace
}  // namespace parc::agent
