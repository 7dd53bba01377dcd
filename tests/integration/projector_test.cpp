// Projectors end to end: the real server, the real agent and the real pjlink-sim.

#include <gtest/gtest.h>

#include "tests/agent/pjlink/sim_process.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class ProjectorEndToEnd : public ::testing::Test {
 protected:
  ProjectorEndToEnd()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    park_ = server_.makePark("Département de Test");
    server_.start();
  }

  // Projector devices with this serial (the fixture machine may also see a projector
  // through its EDID: that one is a device of its own, without a PJLink serial).
  json projectors(const std::string& serial) {
    json out = json::array();
    const json all = server_.getJson("/api/v1/devices?kind=projector", park_.api_token);
    for (const json& device : all["devices"]) {
      if (device.value("serial", "") == serial) out.push_back(device);
    }
    return out;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
};

TEST_F(ProjectorEndToEnd, LampErrorSetOnTheProjectorShowsOnItsDevice) {
  PjlinkSim sim(dir_.path() / "sim", {"--password", "secret", "--serial", "PRJ-E2E-0001", "--lamp", "1500"});
  ParcAgent agent(dir_.path(), "laptop");
  const auto enrolled = agent.enroll(server_.url(), park_.token);
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  const std::vector<std::string> poll = {"--projector", sim.target("password=secret name=Salle B12")};
  const auto first = agent.command("once", poll);
  ASSERT_EQ(first.exit_code, 0) << first.err;

  json list = projectors("PRJ-E2E-0001");
  ASSERT_EQ(list.size(), 1u) << first.err;
  EXPECT_EQ(list[0]["kind"], "projector");
  EXPECT_EQ(list[0]["serial"], "PRJ-E2E-0001");
  EXPECT_EQ(list[0]["manufacturer"], "EPSON");
  const std::string pc_id = agent.identity().value("device_id", "");
  const json pc = server_.getJson("/api/v1/devices/" + pc_id, park_.api_token);
  EXPECT_EQ(list[0]["site"]["id"], pc["site"]["id"]);
  EXPECT_TRUE(pc["kit"].is_array());
  const std::string projector_id = list[0]["id"];
  json detail = server_.getJson("/api/v1/devices/" + projector_id, park_.api_token);
  EXPECT_EQ(detail["state"]["errors"]["lamp"], "ok") << detail.dump();
  EXPECT_EQ(detail["state"]["lamp_hours"][0], 1500);

  ASSERT_EQ(sim.control("erst 020000"), "ok");
  ASSERT_EQ(sim.control("lamp 2950"), "ok");
  const auto second = agent.command("once", poll);
  ASSERT_EQ(second.exit_code, 0) << second.err;

  detail = server_.getJson("/api/v1/devices/" + projector_id, park_.api_token);
  EXPECT_EQ(detail["state"]["reachable"], true);
  EXPECT_EQ(detail["state"]["errors"]["lamp"], "error") << detail.dump();
  EXPECT_EQ(detail["state"]["lamp_hours"][0], 2950);
  EXPECT_EQ(detail["inventory"]["projectors"][0]["serial"], "PRJ-E2E-0001");
  EXPECT_EQ(projectors("PRJ-E2E-0001").size(), 1u);  // still one device
}

TEST_F(ProjectorEndToEnd, InventoryCommandPollsAndPrintsTheProjector) {
  PjlinkSim sim(dir_.path() / "sim", {"--password", "secret", "--serial", "PRJ-INV-7", "--erst", "000200"});
  ParcAgent agent(dir_.path(), "laptop");
  const auto printed = agent.command(
      "inventory", {"--root", fixtureRoot("laptop").string(), "--projector", sim.target("password=secret")});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const json report = json::parse(printed.out);
  ASSERT_EQ(report["inventory"]["projectors"].size(), 1u);
  EXPECT_EQ(report["inventory"]["projectors"][0]["serial"], "PRJ-INV-7");
  EXPECT_EQ(report["inventory"]["projectors"][0]["address"], sim.target());
  EXPECT_EQ(report["state"]["projectors"][0]["reachable"], true);
  EXPECT_EQ(report["state"]["projectors"][0]["errors"]["cover"], "error");
}

TEST_F(ProjectorEndToEnd, BadProjectorLineStopsTheAgentAtStart) {
  ParcAgent agent(dir_.path(), "laptop");
  const auto refused = agent.command("inventory", {"--projector", "projector.lan password"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("projector"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace parc::testing
