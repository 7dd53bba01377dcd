// Conformance: enrollment tokens, enrollment, identity matching, agent secrets.
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {
namespace {

const Machine kMachine{"3C1F8A52-1111-4A2B-9C3D-0123456789AB", "NXVHPEF00112233", "salle-b12-poste03",
                       {"00:1B:21:3A:4F:01"}};

TEST_P(StoreConformance, EnrollCreatesDeviceInTheTokensSite) {
  const EnrollResult enrolled = enrollOk(token(a2_.id, 1, "B12"), kMachine);
  EXPECT_TRUE(enrolled.new_device);
  EXPECT_EQ(enrolled.site.id, a2_.id);
  EXPECT_EQ(enrolled.site.name, "Collège Jean Moulin");
  EXPECT_EQ(enrolled.agent_secret.size(), 64u);
  const auto device = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->summary.site_id, a2_.id);
  EXPECT_EQ(device->summary.collectivity_id, a_.id);
  EXPECT_EQ(device->summary.room, "B12");
  EXPECT_EQ(device->summary.hostname, "salle-b12-poste03");
  EXPECT_EQ(device->summary.status, "in_service");
  EXPECT_EQ(device->summary.enrolled_at, "2026-11-23T08:00:00Z");
  const AgentIdentity agent = agentOf(enrolled);
  EXPECT_EQ(agent.agent_id, enrolled.agent_id);
  EXPECT_EQ(agent.device_id, enrolled.device_id);
  EXPECT_EQ(agent.site_id, a2_.id);
  EXPECT_EQ(agent.collectivity_id, a_.id);
}

TEST_P(StoreConformance, ReenrollByUuidKeepsDeviceAndAgentAndRotatesTheSecret) {
  const EnrollResult first = enrollOk(token(a1_.id), kMachine);
  Machine same = kMachine;
  same.uuid = "3c1f8a52-1111-4a2b-9c3d-0123456789ab";  // sysfs spells it in lowercase
  same.serial = std::nullopt;
  same.macs = {};
  const EnrollResult second = enrollOk(token(a1_.id), same);
  EXPECT_FALSE(second.new_device);
  EXPECT_EQ(second.device_id, first.device_id);
  EXPECT_EQ(second.agent_id, first.agent_id);
  EXPECT_NE(second.agent_secret, first.agent_secret);
  EXPECT_FALSE(store_->authenticateAgent(first.agent_secret).has_value());
  EXPECT_TRUE(store_->authenticateAgent(second.agent_secret).has_value());
  EXPECT_EQ(deviceCount(), 1u);
}

TEST_P(StoreConformance, ReenrollBySerialWhenTheUuidIsAPlaceholder) {
  Machine machine{"00000000-0000-0000-0000-000000000000", "PF2ABCDE", "pc1", {}};
  const EnrollResult first = enrollOk(token(a1_.id), machine);
  machine.uuid = "03000200-0400-0500-0006-000700080009";
  machine.serial = "  PF2ABCDE ";
  const EnrollResult second = enrollOk(token(a1_.id), machine);
  EXPECT_FALSE(second.new_device);
  EXPECT_EQ(second.device_id, first.device_id);
  EXPECT_FALSE(store_->authenticateAgent(first.agent_secret).has_value());
  EXPECT_EQ(deviceCount(), 1u);
}

TEST_P(StoreConformance, ReenrollBySharedMacInAnotherSpelling) {
  const EnrollResult first =
      enrollOk(token(a1_.id), Machine{std::nullopt, "Default string", "pc1", {"00:1b:21:3a:4f:01"}});
  const EnrollResult second = enrollOk(
      token(a1_.id), Machine{std::nullopt, std::nullopt, "pc1", {"02:42:AC:11:00:99", "00-1B-21-3A-4F-01"}});
  EXPECT_FALSE(second.new_device);
  EXPECT_EQ(second.device_id, first.device_id);
  EXPECT_EQ(second.agent_id, first.agent_id);
  EXPECT_FALSE(store_->authenticateAgent(first.agent_secret).has_value());
}

TEST_P(StoreConformance, ClonesWithPlaceholderIdentityAreDistinctDevices) {
  const std::string secret = token(a1_.id, 3);
  const EnrollResult one = enrollOk(secret, Machine{"03000200-0400-0500-0006-000700080009",
                                                    "To be filled by O.E.M.", "clone", {"00:1b:21:00:00:01"}});
  const EnrollResult two = enrollOk(secret, Machine{"03000200-0400-0500-0006-000700080009",
                                                    "To be filled by O.E.M.", "clone", {"00:1b:21:00:00:02"}});
  const EnrollResult three = enrollOk(
      secret, Machine{"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "System Serial Number", "clone", {}});
  EXPECT_TRUE(one.new_device);
  EXPECT_TRUE(two.new_device);
  EXPECT_TRUE(three.new_device);
  EXPECT_NE(one.device_id, two.device_id);
  EXPECT_NE(two.device_id, three.device_id);
  EXPECT_TRUE(store_->authenticateAgent(one.agent_secret).has_value());
  EXPECT_EQ(deviceCount(), 3u);
}

TEST_P(StoreConformance, TheSameHardwareInAnotherCollectivityIsAnotherDevice) {
  const EnrollResult in_a = enrollOk(token(a1_.id), kMachine);
  const EnrollResult in_b = enrollOk(token(b1_.id), kMachine);
  EXPECT_TRUE(in_b.new_device);
  EXPECT_NE(in_b.device_id, in_a.device_id);
  EXPECT_TRUE(store_->authenticateAgent(in_a.agent_secret).has_value());
  EXPECT_EQ(deviceCount(Scope::collectivity(b_.id)), 1u);
}

TEST_P(StoreConformance, ReenrollWithAnotherSitesTokenMovesTheDevice) {
  const EnrollResult first = enrollOk(token(a1_.id, 1, "B12"), kMachine);
  const EnrollResult second = enrollOk(token(a2_.id), kMachine);
  EXPECT_EQ(second.device_id, first.device_id);
  EXPECT_EQ(second.site.id, a2_.id);
  const auto device = store_->getDevice(Scope::everything(), first.device_id);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(device->summary.site_id, a2_.id);
  EXPECT_FALSE(device->summary.room.has_value());
  EXPECT_EQ(agentOf(second).site_id, a2_.id);
}

TEST_P(StoreConformance, UnknownTokenIsRefusedAndChangesNothing) {
  const auto result = enroll("pe_0123456789abcdef", kMachine);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), kInvalidToken);
  EXPECT_EQ(deviceCount(), 0u);
}

TEST_P(StoreConformance, ExpiredTokenIsRefusedAndChangesNothing) {
  const std::string expired = token(a1_.id, 5, std::nullopt, at("2026-11-23T07:59:59Z"));
  const std::string expiring_now = token(a1_.id, 5, std::nullopt, now_);
  for (const std::string& secret : {expired, expiring_now}) {
    const auto result = enroll(secret, kMachine);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), kInvalidToken);
  }
  EXPECT_EQ(deviceCount(), 0u);
}

TEST_P(StoreConformance, UsedUpTokenIsRefusedAndChangesNothing) {
  const std::string secret = token(a1_.id, 2);
  const EnrollResult first = enrollOk(secret, kMachine);
  enrollOk(secret, Machine{std::nullopt, "OTHER-SERIAL", "pc2", {}});
  const auto third = enroll(secret, kMachine);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error(), kInvalidToken);
  EXPECT_EQ(deviceCount(), 2u);
  // A refused re-enrollment leaves the machine's current secret working.
  EXPECT_TRUE(store_->authenticateAgent(first.agent_secret).has_value());
}

TEST_P(StoreConformance, TokensForUnknownSitesAndSitesOfUnknownCollectivitiesAreRefused) {
  NewEnrollmentToken request;
  request.site_id = "no-such-site";
  request.expires_at = at("2030-01-01T00:00:00Z");
  EXPECT_FALSE(store_->createEnrollmentToken(request).ok());
  request.site_id = a1_.id;
  request.max_uses = 0;
  EXPECT_FALSE(store_->createEnrollmentToken(request).ok());
  EXPECT_FALSE(store_->createSite("no-such-collectivity", "École", std::nullopt).ok());
  EXPECT_FALSE(store_->createSite(a_.id, "École", "Z").ok());
}

TEST_P(StoreConformance, TokenSecretsAreDistinctAndPrefixed) {
  const std::string one = token(a1_.id);
  const std::string two = token(a1_.id);
  EXPECT_NE(one, two);
  EXPECT_EQ(one.rfind("pe_", 0), 0u);
  EXPECT_GE(one.size(), 40u);
}

TEST_P(StoreConformance, UnknownSecretsDoNotAuthenticate) {
  enrollOk(token(a1_.id), kMachine);
  EXPECT_FALSE(store_->authenticateAgent("").has_value());
  EXPECT_FALSE(store_->authenticateAgent("0123456789abcdef0123456789abcdef").has_value());
}

TEST_P(StoreConformance, ListsAreScopedToTheCollectivity) {
  const auto collectivities = store_->listCollectivities(Scope::collectivity(a_.id));
  ASSERT_EQ(collectivities.size(), 1u);
  EXPECT_EQ(collectivities[0].id, a_.id);
  EXPECT_EQ(store_->listCollectivities(Scope::everything()).size(), 2u);
  EXPECT_EQ(store_->listSites(Scope::collectivity(a_.id)).size(), 2u);
  EXPECT_EQ(store_->listSites(Scope::everything()).size(), 3u);
  Scope one_site = Scope::collectivity(a_.id);
  one_site.site_ids = {a2_.id, b1_.id};
  const auto sites = store_->listSites(one_site);
  ASSERT_EQ(sites.size(), 1u);
  EXPECT_EQ(sites[0].id, a2_.id);
  EXPECT_TRUE(store_->listSites(Scope{}).empty());
}

}  // namespace
}  // namespace parc::server::testing
