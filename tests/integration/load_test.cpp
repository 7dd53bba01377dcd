// Group commit and admission control through the real server and agent: reports
// are acknowledged after their batch commits; past the ingest queue's bound the
// server answers 503 with Retry-After, and the agent keeps the report and
// delivers it later, once.

#include <gtest/gtest.h>

#include <future>
#include <regex>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;
using Log = std::vector<std::pair<std::uint64_t, std::string>>;

class LoadTest : public ::testing::Test {
 protected:
  LoadTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override { park_ = server_.makePark("Ville de Test", 20); }

  // A report of `agent` with `seq`, built from what the agent itself prints.
  std::string reportOf(ParcAgent& agent, std::uint64_t seq) {
    const auto printed = agent.command("inventory", {"--root", fixtureRoot("vm").string()});
    EXPECT_EQ(printed.exit_code, 0) << printed.err;
    json report = json::parse(printed.out);
    report["agent"]["id"] = agent.identity()["agent_id"];
    report["seq"] = seq;
    return report.dump();
  }
  std::string authOf(ParcAgent& agent) {
    return "Authorization: Bearer " + agent.identity()["agent_secret"].get<std::string>();
  }
  std::string deviceIdOf(const ParcAgent& agent) { return agent.identity().value("device_id", ""); }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
};

// The Retry-After header's value in seconds, or -1.
long retryAfter(const HttpAnswer& answer) {
  std::smatch match;
  static const std::regex kHeader(R"((?:^|\n)[Rr]etry-[Aa]fter:\s*(\d+))");
  if (!std::regex_search(answer.headers, match, kHeader)) return -1;
  return std::stol(match[1]);
}

TEST_F(LoadTest, ConcurrentReportsOfManyAgentsAreEachAcknowledgedAndStoredOnce) {
  server_.start({"--plain-http"});
  std::vector<std::unique_ptr<ParcAgent>> agents;
  for (const std::string machine : {"desktop", "laptop", "server", "vm"}) {  // four machines
    const auto home = dir_.path() / machine;
    std::filesystem::create_directories(home);
    agents.push_back(std::make_unique<ParcAgent>(home, machine));
    ASSERT_EQ(agents.back()->enroll(server_.url(), park_.token).exit_code, 0);
  }
  std::vector<std::future<HttpAnswer>> answers;
  for (auto& agent : agents) {
    for (std::uint64_t seq = 1; seq <= 5; ++seq) {
      answers.push_back(std::async(std::launch::async, [&, seq, body = reportOf(*agent, seq), auth = authOf(*agent)] {
        return httpRequest("POST", server_.url() + "/api/v1/reports", body, {auth});
      }));
    }
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const HttpAnswer answer = answers[i].get();
    ASSERT_EQ(answer.status, 202) << answer.body;
    EXPECT_EQ(json::parse(answer.body)["ack"], i % 5 + 1);
  }
  for (auto& agent : agents) {
    const auto log = server_.reportLog(deviceIdOf(*agent), park_.api_token);
    EXPECT_EQ(log.size(), 5u);
  }
}

TEST_F(LoadTest, PastTheQueueBoundA503WithRetryAfterLeavesTheReportToTheAgent) {
  // One report may wait, for 3 s (it waits for companions of its batch): any other
  // report arriving meanwhile is over the bound.
  server_.start({"--plain-http", "--ingest-queue", "1", "--ingest-batch-wait", "3s"});
  std::filesystem::create_directories(dir_.path() / "blocker");
  std::filesystem::create_directories(dir_.path() / "agent");
  ParcAgent blocker(dir_.path() / "blocker", "vm"), agent(dir_.path() / "agent", "laptop");
  ASSERT_EQ(blocker.enroll(server_.url(), park_.token).exit_code, 0);
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);

  auto blocked = std::async(std::launch::async, [&, body = reportOf(blocker, 1), auth = authOf(blocker)] {
    return httpRequest("POST", server_.url() + "/api/v1/reports", body, {auth});
  });
  const auto refused_run = agent.once();  // while the blocker's report waits
  const HttpAnswer first = blocked.get();
  if (refused_run.exit_code == 0) {
    // The agent came first: then the blocker was the one refused.
    EXPECT_EQ(first.status, 503) << first.body;
    GTEST_SKIP() << "the agent's report reached the queue first; the refusal was checked on the other";
  }
  EXPECT_EQ(first.status, 202) << first.body;
  EXPECT_NE(refused_run.err.find("kept in the spool"), std::string::npos) << refused_run.err;
  EXPECT_EQ(server_.reportLog(deviceIdOf(agent), park_.api_token), Log{});

  // The same refusal seen on the wire: of two reports sent together, one waits
  // and is acknowledged, the other gets 503, a JSON error and a Retry-After.
  const std::string auth = authOf(blocker);
  auto second = std::async(std::launch::async, [&, body = reportOf(blocker, 2)] {
    return httpRequest("POST", server_.url() + "/api/v1/reports", body, {auth});
  });
  auto third = std::async(std::launch::async, [&, body = reportOf(blocker, 3)] {
    return httpRequest("POST", server_.url() + "/api/v1/reports", body, {auth});
  });
  HttpAnswer answers[2] = {second.get(), third.get()};
  if (answers[0].status == 503) std::swap(answers[0], answers[1]);
  EXPECT_EQ(answers[0].status, 202) << answers[0].body;
  ASSERT_EQ(answers[1].status, 503) << answers[1].body;
  EXPECT_EQ(json::parse(answers[1].body)["error"], "overloaded");
  EXPECT_GE(retryAfter(answers[1]), 1) << answers[1].headers;
  EXPECT_LE(retryAfter(answers[1]), 120) << answers[1].headers;

  // Later, the agent delivers what it kept, once, in order.
  const auto delivered = agent.once();
  ASSERT_EQ(delivered.exit_code, 0) << delivered.err;
  const Log log = server_.reportLog(deviceIdOf(agent), park_.api_token);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0], (std::pair<std::uint64_t, std::string>{1, "full"}));
  EXPECT_EQ(log[1].first, 2u);
}

}  // namespace
}  // namespace parc::testing
