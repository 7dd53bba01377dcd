#include "agent/collectors/network.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

const NetInterface* find(const std::vector<NetInterface>& list, std::string_view name) {
  for (const auto& nic : list) {
    if (nic.name == name) return &nic;
  }
  return nullptr;
}

TEST(CollectorNetwork, Macs) {
  EXPECT_EQ(normaliseMac("A4:BB:6D:01:02:03\n"), "a4:bb:6d:01:02:03");
  EXPECT_EQ(normaliseMac("01:01:01:01:01:01"), "01:01:01:01:01:01");
  EXPECT_EQ(normaliseMac("00:00:00:00:00:00"), std::nullopt);
  EXPECT_EQ(normaliseMac("a4:bb:6d:01:02"), std::nullopt);
  EXPECT_EQ(normaliseMac("a4-bb-6d-01-02-03"), std::nullopt);
  EXPECT_EQ(normaliseMac("g4:bb:6d:01:02:03"), std::nullopt);
  EXPECT_EQ(normaliseMac(""), std::nullopt);
}

// A tree with the kinds of interface a school machine has.
class CollectorNetworkTree : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.mkdir("/sys/bus/pci/drivers/e1000e");
    tree_.mkdir("/sys/bus/pci/drivers/iwlwifi");
    tree_.mkdir("/sys/devices/pci0000:00/0000:00:1f.6");
    tree_.mkdir("/sys/devices/pci0000:00/0000:02:00.0");
    tree_.symlink("../../../bus/pci/drivers/e1000e", "/sys/devices/pci0000:00/0000:00:1f.6/driver");
    tree_.symlink("../../../bus/pci/drivers/iwlwifi", "/sys/devices/pci0000:00/0000:02:00.0/driver");

    tree_.write("/sys/class/net/enp0s31f6/address", "8C:16:45:AA:BB:CC\n");
    tree_.write("/sys/class/net/enp0s31f6/speed", "1000\n");
    tree_.symlink("../../../devices/pci0000:00/0000:00:1f.6", "/sys/class/net/enp0s31f6/device");

    tree_.write("/sys/class/net/wlp2s0/address", "f8:59:71:01:02:03\n");
    tree_.write("/sys/class/net/wlp2s0/speed", "-1\n");
    tree_.mkdir("/sys/class/net/wlp2s0/wireless");
    tree_.symlink("../../../devices/pci0000:00/0000:02:00.0", "/sys/class/net/wlp2s0/device");

    tree_.write("/sys/class/net/docker0/address", "02:42:ac:11:00:01\n");
    tree_.write("/sys/class/net/docker0/speed", "4294967295\n");
    tree_.write("/sys/class/net/lo/address", "00:00:00:00:00:00\n");
    tree_.write("/sys/class/net/loop1/type", "772\n");
    tree_.write("/sys/class/net/bonding_masters", "bond0\n");
  }
  testing::TempTree tree_;
};

TEST_F(CollectorNetworkTree, DescribesEachInterface) {
  Snapshot snapshot;
  ASSERT_EQ(NetworkCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  const auto& list = snapshot.inventory.network;
  ASSERT_EQ(list.size(), 3u);  // lo, a loopback-typed device and bonding_masters are skipped

  const auto* wired = find(list, "enp0s31f6");
  ASSERT_NE(wired, nullptr);
  EXPECT_EQ(wired->mac, "8c:16:45:aa:bb:cc");
  EXPECT_EQ(wired->driver, "e1000e");
  EXPECT_EQ(wired->type, "wired");
  EXPECT_EQ(wired->speed_mbps, 1000);
  EXPECT_TRUE(wired->addresses.empty());  // never getifaddrs() for a captured tree

  const auto* wireless = find(list, "wlp2s0");
  ASSERT_NE(wireless, nullptr);
  EXPECT_EQ(wireless->type, "wireless");
  EXPECT_EQ(wireless->driver, "iwlwifi");
  EXPECT_EQ(wireless->speed_mbps, std::nullopt);

  const auto* bridge = find(list, "docker0");
  ASSERT_NE(bridge, nullptr);
  EXPECT_EQ(bridge->type, "virtual");
  EXPECT_EQ(bridge->driver, std::nullopt);
  EXPECT_EQ(bridge->speed_mbps, std::nullopt);
}

TEST_F(CollectorNetworkTree, Phy80211MeansWireless) {
  tree_.symlink("../../../devices/pci0000:00/0000:02:00.0", "/sys/class/net/wlan1/device");
  tree_.mkdir("/sys/class/net/wlan1/phy80211");
  Snapshot snapshot;
  ASSERT_EQ(NetworkCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_NE(find(snapshot.inventory.network, "wlan1"), nullptr);
  EXPECT_EQ(find(snapshot.inventory.network, "wlan1")->type, "wireless");
}

TEST_F(CollectorNetworkTree, AddressesComeFromTheInjectedSource) {
  NetworkCollector collector([] {
    return InterfaceAddresses{{"enp0s31f6", {"192.0.2.10", "fe80::1"}}, {"absent0", {"10.0.0.1"}}};
  });
  Snapshot snapshot;
  ASSERT_EQ(collector.collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(find(snapshot.inventory.network, "enp0s31f6")->addresses,
            (std::vector<std::string>{"192.0.2.10", "fe80::1"}));
  EXPECT_TRUE(find(snapshot.inventory.network, "wlp2s0")->addresses.empty());
  EXPECT_EQ(find(snapshot.inventory.network, "absent0"), nullptr);
}

TEST(CollectorNetwork, OnlyLoopbackOrNothingIsNoData) {
  testing::TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(NetworkCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/sys/class/net/lo/address", "00:00:00:00:00:00\n");
  EXPECT_EQ(NetworkCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
}

TEST(CollectorNetwork, HostileAttributes) {
  testing::TempTree tree;
  tree.write("/sys/class/net/eth0/address", "\xff\xfe\x01garbage");
  tree.write("/sys/class/net/eth0/speed", "99999999999999999999999");
  tree.mkdir("/sys/class/net/eth0/device/driver");  // a directory, not a link
  Snapshot snapshot;
  ASSERT_EQ(NetworkCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.network.size(), 1u);
  const auto& nic = snapshot.inventory.network[0];
  EXPECT_EQ(nic.mac, std::nullopt);
  EXPECT_EQ(nic.speed_mbps, std::nullopt);
  EXPECT_EQ(nic.driver, std::nullopt);
  EXPECT_EQ(nic.type, "wired");
}

}  // namespace
}  // namespace parc::agent::collectors
