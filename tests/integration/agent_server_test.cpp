// The real parc-server and the real parc-agent, on loopback, on captured machines.

#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;
using Log = std::vector<std::pair<std::uint64_t, std::string>>;

class AgentServerTest : public ::testing::Test {
 protected:
  AgentServerTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    park_ = server_.makePark("Ville de Test");
    server_.start();
  }

  std::string deviceIdOf(const ParcAgent& agent) { return agent.identity().value("device_id", ""); }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
};

TEST_F(AgentServerTest, EnrollsAndItsFirstFullReportShowsInTheInventory) {
  ParcAgent agent(dir_.path(), "laptop");
  const auto enrolled = agent.enroll(server_.url(), park_.token);
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  EXPECT_NE(enrolled.out.find("enrolled: agent"), std::string::npos);
  const auto sent = agent.once();
  ASSERT_EQ(sent.exit_code, 0) << sent.err;

  // kind=laptop: the fixture laptop also sees a projector through its EDID, which
  // becomes a device of its own (kind projector).
  const json list = server_.getJson("/api/v1/devices?kind=laptop", park_.api_token);
  ASSERT_EQ(list["devices"].size(), 1u) << list.dump();
  const json& device = list["devices"][0];
  EXPECT_EQ(device["id"], deviceIdOf(agent));
  EXPECT_EQ(device["site"]["id"], park_.site);
  const json detail = server_.getJson("/api/v1/devices/" + deviceIdOf(agent), park_.api_token);
  ASSERT_TRUE(detail.contains("inventory")) << detail.dump();
  EXPECT_FALSE(detail["inventory"]["cpus"].empty());
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token), (Log{{1, "full"}}));
}

TEST_F(AgentServerTest, AnUnchangedMachineSendsStateReportsAfterTheFullOne) {
  ParcAgent agent(dir_.path(), "desktop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(agent.once().exit_code, 0);
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token),
            (Log{{1, "full"}, {2, "state"}, {3, "state"}}));
}

TEST_F(AgentServerTest, AReplayedReportIsAcknowledgedAgainAndStoredOnce) {
  ParcAgent agent(dir_.path(), "vm");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  const auto printed = agent.command("inventory", {"--root", fixtureRoot("vm").string()});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  json report = json::parse(printed.out);
  report["agent"]["id"] = agent.identity()["agent_id"];
  report["seq"] = 7;
  const std::string auth = "Authorization: Bearer " + agent.identity()["agent_secret"].get<std::string>();
  const auto first = httpRequest("POST", server_.url() + "/api/v1/reports", report.dump(), {auth});
  const auto again = httpRequest("POST", server_.url() + "/api/v1/reports", report.dump(), {auth});
  EXPECT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(first.body, again.body);
  EXPECT_EQ(json::parse(again.body)["ack"], 7);
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token), (Log{{7, "full"}}));
}

TEST_F(AgentServerTest, ReportsKeptWhileTheServerIsDownAreAllDeliveredInOrderOnce) {
  ParcAgent agent(dir_.path(), "laptop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  ASSERT_EQ(agent.once().exit_code, 0);
  server_.stop();
  for (int i = 0; i < 3; ++i) {
    const auto offline = agent.once();
    EXPECT_EQ(offline.exit_code, 1);
    EXPECT_NE(offline.err.find("kept in the spool"), std::string::npos) << offline.err;
  }
  EXPECT_NE(agent.command("status").out.find("3 report(s) waiting"), std::string::npos);
  server_.start();
  ASSERT_EQ(agent.once().exit_code, 0);
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token),
            (Log{{1, "full"}, {2, "state"}, {3, "state"}, {4, "state"}, {5, "state"}}));
  EXPECT_NE(agent.command("status").out.find("0 report(s) waiting"), std::string::npos);
}

TEST_F(AgentServerTest, TheDaemonKeepsCollectingThroughAServerCrashAndLosesNothing) {
  ParcAgent agent(dir_.path(), "desktop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  auto daemon = agent.startDaemon({"--interval", "1"});
  const auto waitForReports = [&](std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (server_.reportLog(deviceIdOf(agent), park_.api_token).size() < count) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << daemon->stderrText();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };
  waitForReports(2);
  server_.stop(SIGKILL);
  std::this_thread::sleep_for(std::chrono::seconds(4));  // the daemon collects ~4 reports meanwhile
  server_.start();
  // Back-off starts at 5 s; every report queued during the outage must arrive.
  waitForReports(8);
  daemon->signal(SIGTERM);
  EXPECT_EQ(daemon->wait().exit_code, 0);
  const Log log = server_.reportLog(deviceIdOf(agent), park_.api_token);
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].first, i + 1) << "reports must arrive in order, each once";
  }
  EXPECT_EQ(log.front().second, "full");
}

TEST_F(AgentServerTest, AMalformedReportIsRefusedNamingTheFieldAndNothingIsStored) {
  ParcAgent agent(dir_.path(), "vm");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  ASSERT_EQ(agent.once().exit_code, 0);
  json report = json::parse(agent.command("inventory", {"--root", fixtureRoot("vm").string()}).out);
  report["agent"]["id"] = agent.identity()["agent_id"];
  report["seq"] = 99;
  report["inventory"]["disks"] = json::array({{{"name", "sda"}, {"size_bytes", "big"}}});
  const auto answer = httpRequest("POST", server_.url() + "/api/v1/reports", report.dump(),
                                  {"Authorization: Bearer " + agent.identity()["agent_secret"].get<std::string>()});
  EXPECT_EQ(answer.status, 400);
  const json error = json::parse(answer.body);
  EXPECT_EQ(error["error"], "invalid_report");
  EXPECT_EQ(error["detail"], "inventory.disks[0].size_bytes: expected an integer");
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token), (Log{{1, "full"}}));
}

TEST_F(AgentServerTest, AnUnknownAgentSecretIsRefusedWithAReenrollSignal) {
  const auto answer = httpRequest("POST", server_.url() + "/api/v1/reports", R"({"schema":"parc.report/1"})",
                                  {"Authorization: Bearer not-a-real-secret"});
  EXPECT_EQ(answer.status, 401);
  const json error = json::parse(answer.body);
  EXPECT_EQ(error["error"], "unknown_agent");
  EXPECT_EQ(error["reenroll"], true);
}

TEST_F(AgentServerTest, EnrollingTheSameMachineTwiceGivesTheSameDevice) {
  ParcAgent first(dir_.path(), "laptop");
  ASSERT_EQ(first.enroll(server_.url(), park_.token).exit_code, 0);
  const json old_identity = first.identity();
  ASSERT_EQ(first.enroll(server_.url(), park_.token).exit_code, 0);
  EXPECT_EQ(first.identity()["device_id"], old_identity["device_id"]);
  EXPECT_EQ(first.identity()["agent_id"], old_identity["agent_id"]);
  EXPECT_NE(first.identity()["agent_secret"], old_identity["agent_secret"]);
  // The secret it replaced no longer works.
  const auto stale = httpRequest("POST", server_.url() + "/api/v1/reports", "{}",
                                 {"Authorization: Bearer " + old_identity["agent_secret"].get<std::string>()});
  EXPECT_EQ(stale.status, 401);
  // Another machine is another device.
  ParcAgent other(dir_.path(), "desktop");
  ASSERT_EQ(other.enroll(server_.url(), park_.token).exit_code, 0);
  EXPECT_NE(other.identity()["device_id"], old_identity["device_id"]);
  EXPECT_EQ(server_.getJson("/api/v1/devices", park_.api_token)["devices"].size(), 2u);
}

TEST_F(AgentServerTest, AnInvalidEnrollmentTokenIsRefused) {
  ParcAgent agent(dir_.path(), "laptop");
  const auto refused = agent.enroll(server_.url(), "pe_not_a_token");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("invalid_token"), std::string::npos) << refused.err;
  EXPECT_TRUE(server_.getJson("/api/v1/devices", park_.api_token)["devices"].empty());
}

}  // namespace
}  // namespace parc::testing
