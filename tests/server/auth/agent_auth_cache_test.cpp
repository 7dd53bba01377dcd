// The io threads' cache of agent credentials (server/auth/agent_auth_cache.h), on a
// real SQLite store: what it keeps, what it refuses to keep, and how a revocation
// made behind its back is noticed.
#include "server/auth/agent_auth_cache.h"

#include <gtest/gtest.h>

#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::auth {
namespace {

using testing::at;

class AgentAuthCacheTest : public testing::StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    makePark();
    first_ = enrollNew(a1_.id, "salle-b12-poste01");
    second_ = enrollNew(a1_.id, "salle-b12-poste02");
  }

  EnrollResult first_, second_;
};

TEST_P(AgentAuthCacheTest, AKnownSecretGivesItsAgentAndIsKept) {
  AgentAuthCache cache;
  const auto agent = cache.authenticate(*store_, first_.agent_secret);
  ASSERT_TRUE(agent.has_value());
  EXPECT_EQ(agent->agent_id, first_.agent_id);
  EXPECT_EQ(agent->device_id, first_.device_id);
  EXPECT_EQ(agent->site_id, a1_.id);
  EXPECT_EQ(cache.size(), 1u);
}

TEST_P(AgentAuthCacheTest, UnknownAndEmptySecretsAreRefusedAndNotKept) {
  AgentAuthCache cache;
  EXPECT_FALSE(cache.authenticate(*store_, "not-a-secret").has_value());
  EXPECT_FALSE(cache.authenticate(*store_, "").has_value());
  EXPECT_FALSE(cache.authenticate(*store_, first_.agent_secret + "x").has_value());
  EXPECT_EQ(cache.size(), 0u);
}

// The cache answers from memory: a revocation made elsewhere is not seen until the
// writer refuses the agent (forget) or a refusal asks the store again (stillValid).
TEST_P(AgentAuthCacheTest, ARevokedAgentIsRefusedOnceForgottenOrRechecked) {
  AgentAuthCache cache;
  ASSERT_TRUE(cache.authenticate(*store_, first_.agent_secret).has_value());
  ASSERT_TRUE(store_->revokeAgent(first_.agent_id, at("2026-11-23T09:00:00Z")));
  EXPECT_TRUE(cache.authenticate(*store_, first_.agent_secret).has_value()) << "served from memory";

  EXPECT_FALSE(cache.stillValid(*store_, first_.agent_secret));
  EXPECT_FALSE(cache.authenticate(*store_, first_.agent_secret).has_value());
  EXPECT_EQ(cache.size(), 0u);

  ASSERT_TRUE(cache.authenticate(*store_, second_.agent_secret).has_value());
  EXPECT_TRUE(cache.stillValid(*store_, second_.agent_secret));
  cache.forget(second_.agent_secret);
  EXPECT_EQ(cache.size(), 0u);
}

TEST_P(AgentAuthCacheTest, ItNeverHoldsMoreThanItsCapacity) {
  AgentAuthCache cache(1);
  ASSERT_TRUE(cache.authenticate(*store_, first_.agent_secret).has_value());
  ASSERT_TRUE(cache.authenticate(*store_, second_.agent_secret).has_value());
  EXPECT_EQ(cache.size(), 1u);
  // Both still authenticate: a full cache starts again, it does not refuse.
  EXPECT_EQ(cache.authenticate(*store_, first_.agent_secret)->agent_id, first_.agent_id);
  EXPECT_EQ(cache.authenticate(*store_, second_.agent_secret)->agent_id, second_.agent_id);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AgentAuthCacheTest,
                         ::testing::Values(testing::StoreImplementation{"sqlite", testing::openSqliteStore}),
                         testing::implementationName);

}  // namespace
}  // namespace parc::server::auth
