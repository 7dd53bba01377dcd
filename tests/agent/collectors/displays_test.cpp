#include "agent/collectors/displays.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

TEST(CollectorDisplays, ConnectorNames) {
  EXPECT_EQ(drmConnectorName("card0-HDMI-A-1"), "HDMI-A-1");
  EXPECT_EQ(drmConnectorName("card1-eDP-1"), "eDP-1");
  EXPECT_EQ(drmConnectorName("card12-DP-3"), "DP-3");
  for (const char* name : {"card0", "card-", "card0-", "renderD128", "version", "cardX-DP-1", ""}) {
    EXPECT_EQ(drmConnectorName(name), std::nullopt) << name;
  }
}

class CollectorDisplaysTree : public ::testing::Test {
 protected:
  void put(std::string_view connector, const std::string& fixture) {
    tree_.write("/sys/class/drm/" + std::string(connector) + "/edid",
                fixture.empty() ? std::string() : testing::readFixture("edid/" + fixture));
  }
  testing::TempTree tree_;
};

TEST_F(CollectorDisplaysTree, ReadsEachConnectedConnector) {
  put("card0-eDP-1", "glpi-agent/laptop-panel-lcd.internal.bin");
  put("card0-HDMI-A-1", "linuxhw/projector-epson-pj-hdmi-SECA514-46FD547BEEF9.bin");
  put("card0-DP-1", "");  // nothing plugged: the kernel leaves the file empty
  put("card0-DP-2", "linuxhw/ifp-promethean-ap7-nickel75-PRW5575-EF0C391FD6E8.bin");
  tree_.write("/sys/class/drm/version", "drm 1.1.0 20060810\n");
  Snapshot snapshot;
  ASSERT_EQ(DisplaysCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  const auto& displays = snapshot.inventory.displays;
  ASSERT_EQ(displays.size(), 3u);  // sorted by directory name
  EXPECT_EQ(displays[0].connector, "DP-2");
  EXPECT_EQ(displays[0].kind, "flat-panel");
  EXPECT_EQ(displays[0].manufacturer_code, "PRW");
  EXPECT_EQ(displays[0].manufacturer, std::nullopt);  // PRW is not in pnp.ids
  EXPECT_EQ(displays[0].model, "AP7Nickel75");
  EXPECT_EQ(displays[0].serial, "1");
  EXPECT_EQ(displays[0].width_cm, 174);
  EXPECT_EQ(displays[1].connector, "HDMI-A-1");
  EXPECT_EQ(displays[1].kind, "projector");
  EXPECT_EQ(displays[1].manufacturer, "Seiko Epson Corporation");
  EXPECT_EQ(displays[1].model, "EPSON PJ");
  EXPECT_EQ(displays[1].serial, std::nullopt);  // 01 01 01 01: a placeholder
  EXPECT_EQ(displays[1].product_code, 0xA514);
  EXPECT_EQ(displays[1].year, 2013);
  EXPECT_EQ(displays[1].week, 26);
  EXPECT_EQ(displays[2].connector, "eDP-1");
  EXPECT_EQ(displays[2].kind, "internal");
  EXPECT_EQ(displays[2].manufacturer, "Dynabook Inc.");
  EXPECT_EQ(displays[2].serial, "4");
}

TEST_F(CollectorDisplaysTree, ModelYearAndTextSerial) {
  put("card0-DP-1", "glpi-agent/monitor-iiyama-PL2779A.bin");
  Snapshot snapshot;
  ASSERT_EQ(DisplaysCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.displays.size(), 1u);
  const auto& d = snapshot.inventory.displays[0];
  EXPECT_EQ(d.year, 2013);
  EXPECT_EQ(d.week, std::nullopt);
  EXPECT_EQ(d.extra.at("model_year"), "true");
  EXPECT_EQ(d.serial, "0");  // the 0xFF descriptor wins over the numeric serial
}

TEST_F(CollectorDisplaysTree, NothingConnectedIsNoData) {
  put("card0-DP-1", "");
  Snapshot snapshot;
  EXPECT_EQ(DisplaysCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kNoData);
  testing::TempTree empty;
  EXPECT_EQ(DisplaysCollector().collect(FsRoot(empty.path()), snapshot).status, CollectStatus::kNoData);
}

TEST_F(CollectorDisplaysTree, GarbageOnlyIsAnErrorNamingTheFile) {
  tree_.write("/sys/class/drm/card0-HDMI-A-1/edid", std::string(300, '\x42'));
  Snapshot snapshot;
  const auto outcome = DisplaysCollector().collect(FsRoot(tree_.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kError);
  EXPECT_NE(outcome.detail.find("card0-HDMI-A-1/edid"), std::string::npos) << outcome.detail;
  EXPECT_TRUE(snapshot.inventory.displays.empty());
}

TEST_F(CollectorDisplaysTree, GarbageBesideAGoodBlobKeepsTheGoodOne) {
  tree_.write("/sys/class/drm/card0-HDMI-A-1/edid", std::string(5, '\0'));
  put("card0-HDMI-A-2", "glpi-agent/projector-acer-p1203.bin");
  Snapshot snapshot;
  ASSERT_EQ(DisplaysCollector().collect(FsRoot(tree_.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.displays.size(), 1u);
  EXPECT_EQ(snapshot.inventory.displays[0].model, "ACER P1203");
  EXPECT_EQ(snapshot.inventory.displays[0].kind, "projector");
}

}  // namespace
}  // namespace parc::agent::collectors
