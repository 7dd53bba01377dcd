// Agent identity on the real server: revoked tokens and agents, enrollment tokens
// listed without their secret, and one identity used by two machines.

#include <gtest/gtest.h>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class IdentityTest : public ::testing::Test {
 protected:
  IdentityTest()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    park_ = server_.makePark("Ville de Test");
    server_.start();
  }

  Finished adminRun(const std::vector<std::string>& args) {
    std::vector<std::string> full = {"admin", "--data-dir", server_.dataDir().string()};
    full.insert(full.end(), args.begin(), args.end());
    return run(serverBinary(), full, dir_.path() / ("admin-run-" + std::to_string(++runs_)));
  }

  json device(const ParcAgent& agent) {
    return server_.getJson("/api/v1/devices/" + agent.identity()["device_id"].get<std::string>(),
                           park_.api_token);
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
  int runs_ = 0;
};

TEST_F(IdentityTest, ARevokedAgentGets401ReenrollAndCanEnrollAgain) {
  ParcAgent agent(dir_.path(), "laptop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  ASSERT_EQ(agent.once().exit_code, 0);
  const json identity = agent.identity();
  EXPECT_EQ(server_.admin({"agent", "revoke", identity["device_id"]}), identity["agent_id"]);

  const auto answer = httpRequest("POST", server_.url() + "/api/v1/reports", "{}",
                                  {"Authorization: Bearer " + identity["agent_secret"].get<std::string>()});
  EXPECT_EQ(answer.status, 401);
  const json error = json::parse(answer.body, nullptr, false);
  EXPECT_EQ(error["error"], "unknown_agent");
  EXPECT_EQ(error["reenroll"], true);
  const auto refused = agent.once();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("unknown_agent"), std::string::npos) << refused.err;

  // Enrolling again (a valid token) gives the same device a new secret.
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  EXPECT_EQ(agent.identity()["device_id"], identity["device_id"]);
  EXPECT_NE(agent.identity()["agent_secret"], identity["agent_secret"]);
  EXPECT_EQ(agent.once().exit_code, 0);
}

TEST_F(IdentityTest, RevokingAnUnknownAgentFailsClearly) {
  const auto failed = adminRun({"agent", "revoke", "no-such-device"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("no-such-device"), std::string::npos) << failed.err;
}

TEST_F(IdentityTest, ARevokedTokenCanNoLongerEnroll) {
  ParcAgent first(dir_.path(), "laptop");
  ASSERT_EQ(first.enroll(server_.url(), park_.token).exit_code, 0);
  const std::string list = server_.admin({"token", "list"});
  const std::string token_id = list.substr(0, list.find('\t'));
  EXPECT_EQ(server_.admin({"token", "revoke", token_id}), token_id);

  ParcAgent second(dir_.path(), "desktop");
  const auto refused = second.enroll(server_.url(), park_.token);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("invalid_token"), std::string::npos) << refused.err;
  EXPECT_EQ(server_.getJson("/api/v1/devices", park_.api_token)["devices"].size(), 1u);
  // The token itself is accepted in place of its id.
  const std::string other = server_.admin({"token", "create", "--site", park_.site});
  server_.admin({"token", "revoke", other});
  EXPECT_EQ(second.enroll(server_.url(), other).exit_code, 1);
}

TEST_F(IdentityTest, TheTokenListShowsUsesAndRevocationButNeverTheSecret) {
  ParcAgent agent(dir_.path(), "laptop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  std::string list = server_.admin({"token", "list"});
  EXPECT_EQ(list.find(park_.token), std::string::npos);
  EXPECT_NE(list.find(park_.site), std::string::npos);
  EXPECT_NE(list.find("\t1/10\t"), std::string::npos) << list;
  EXPECT_EQ(list.substr(list.rfind('\t') + 1), "-");
  server_.admin({"token", "revoke", park_.token});
  list = server_.admin({"token", "list"});
  EXPECT_NE(list.substr(list.rfind('\t') + 1), "-");
}

TEST_F(IdentityTest, TwoMachinesSharingOneCopiedStateDirectoryAreDetected) {
  ParcAgent original(dir_.path(), "server");
  ASSERT_EQ(original.enroll(server_.url(), park_.token).exit_code, 0);
  ASSERT_EQ(original.once().exit_code, 0);
  EXPECT_TRUE(device(original)["identity_conflict"].is_null());

  // A machine cloned with the agent's state: other hardware, the same identity.
  ParcAgent clone(dir_.path(), "vm");
  std::filesystem::copy(original.stateDir(), clone.stateDir(), std::filesystem::copy_options::recursive);
  ASSERT_EQ(clone.identity()["agent_id"], original.identity()["agent_id"]);
  ASSERT_EQ(clone.once().exit_code, 0);
  ASSERT_EQ(original.once().exit_code, 0);

  const json shown = device(original);
  ASSERT_TRUE(shown["identity_conflict"].is_object()) << shown.dump();
  EXPECT_EQ(shown["identity_conflict"]["agent_id"], original.identity()["agent_id"]);
  // Both counted on from the copied progress: the second one to send seq 2 reused it.
  EXPECT_EQ(shown["identity_conflict"]["kind"], "seq_reused");
  EXPECT_EQ(shown["identity_conflict"]["count"], 1);
  bool in_history = false;
  for (const auto& change : shown["history"]) in_history |= change["component"] == "identity";
  EXPECT_TRUE(in_history) << shown["history"].dump();
}

TEST_F(IdentityTest, OneMachineReportingAgainIsNoConflict) {
  ParcAgent agent(dir_.path(), "server");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(agent.once().exit_code, 0);
  EXPECT_TRUE(device(agent)["identity_conflict"].is_null());
}

}  // namespace
}  // namespace parc::testing
