#include "agent/agent_state.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace parc::agent {
namespace {

class AgentStateTest : public ::testing::Test {
 protected:
  AgentStateTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("agent-state-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        state_(dir_) {
    std::filesystem::remove_all(dir_);
  }
  ~AgentStateTest() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  StateDir state_;
};

TEST_F(AgentStateTest, AFreshDirectoryHasNoIdentityAndStartsAtSeqOne) {
  ASSERT_TRUE(state_.ensureExists().ok());
  auto identity = state_.loadIdentity();
  ASSERT_TRUE(identity.ok()) << identity.error();
  EXPECT_FALSE(identity->has_value());
  auto progress = state_.loadProgress();
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->next_seq, 1u);
}

TEST_F(AgentStateTest, IdentityRoundTripsAndIsPrivate) {
  ASSERT_TRUE(state_.ensureExists().ok());
  Identity identity{"http://s:1", "agent-1", "secret", "dev-1", "site-1", "École", "", "2026-11-23T08:00:00Z"};
  ASSERT_TRUE(state_.saveIdentity(identity).ok());
  auto loaded = state_.loadIdentity();
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->agent_secret, "secret");
  EXPECT_EQ((*loaded)->site_name, "École");
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "identity.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(AgentStateTest, ProgressRoundTrips) {
  ASSERT_TRUE(state_.ensureExists().ok());
  Progress progress;
  progress.next_seq = 42;
  progress.inventory_hash = "sha256:ab";
  progress.send_full = true;
  ASSERT_TRUE(state_.saveProgress(progress).ok());
  auto loaded = state_.loadProgress();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->next_seq, 42u);
  EXPECT_EQ(loaded->inventory_hash, "sha256:ab");
  EXPECT_TRUE(loaded->send_full);
}

TEST_F(AgentStateTest, DamagedFilesAreReportedNotTrusted) {
  ASSERT_TRUE(state_.ensureExists().ok());
  std::ofstream(dir_ / "identity.json") << "{\"agent_id\": 12";
  auto identity = state_.loadIdentity();
  ASSERT_FALSE(identity.ok());
  EXPECT_NE(identity.error().find("identity.json"), std::string::npos);
  std::ofstream(dir_ / "identity.json") << R"({"agent_id": "a"})";
  EXPECT_FALSE(state_.loadIdentity().ok()) << "an identity without its secret is not usable";
  std::ofstream(dir_ / "progress.json") << R"({"next_seq": "many"})";
  EXPECT_FALSE(state_.loadProgress().ok());
}

}  // namespace
}  // namespace parc::agent
