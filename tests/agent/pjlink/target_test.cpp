// The `projector = …` configuration line.
#include "agent/pjlink/target.h"

#include <gtest/gtest.h>

#include "agent/collectors/registry.h"

namespace parc::agent::pjlink {
namespace {

TEST(ProjectorTarget, AddressOnly) {
  const auto target = parseProjectorTarget("10.12.3.40");
  ASSERT_TRUE(target) << target.error();
  EXPECT_EQ(target->host, "10.12.3.40");
  EXPECT_EQ(target->port, kDefaultPort);
  EXPECT_EQ(target->address(), "10.12.3.40");
  EXPECT_FALSE(target->password);
}

TEST(ProjectorTarget, EveryOption) {  // the example of protocol.md
  const auto target =
      parseProjectorTarget("10.12.3.41:4352 password=s3cret lamp_life_hours=3500 name=Salle B13");
  ASSERT_TRUE(target) << target.error();
  EXPECT_EQ(target->port, 4352);
  EXPECT_EQ(target->password, "s3cret");
  EXPECT_EQ(target->lamp_life_hours, 3500);
  EXPECT_EQ(target->name, "Salle B13");
}

TEST(ProjectorTarget, PortAndIpv6) {
  auto target = parseProjectorTarget("127.0.0.1:14352 password=secret");
  ASSERT_TRUE(target) << target.error();
  EXPECT_EQ(target->address(), "127.0.0.1:14352");
  target = parseProjectorTarget("[fd00::40]:14352");
  ASSERT_TRUE(target) << target.error();
  EXPECT_EQ(target->host, "fd00::40");
  EXPECT_EQ(target->address(), "[fd00::40]:14352");
}

TEST(ProjectorTarget, HostileLinesAreRefusedWithTheReason) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "empty"},
      {"   ", "empty"},
      {"projector.lan", "IPv4"},
      {"10.0.0.1:0", "port"},
      {"10.0.0.1:65536", "port"},
      {"10.0.0.1:", "empty port"},
      {"10.0.0.1:x", "port"},
      {"fd00::1", "brackets"},
      {"[fd00::1", "]"},
      {"10.0.0.1 password", "key=value"},
      {"10.0.0.1 colour=red", "unknown option"},
      {"10.0.0.1 lamp_life_hours=-3", "lamp_life_hours"},
      {"10.0.0.1 lamp_life_hours=99999999999999999999", "lamp_life_hours"},
      {"10.0.0.1 password=", "password"},
      {"10.0.0.1 password=" + std::string(40, 'p'), "password"},
      {"10.0.0.1 name=", "name"},
      {"10.0.0.1 name=a\x01" "b", "control"},
      {"10.0.0.1 " + std::string(1000, 'a'), "512"},
      {"256.1.1.1", "IPv4"},
  };
  for (const auto& [line, reason] : cases) {
    const auto target = parseProjectorTarget(line);
    ASSERT_FALSE(target) << line;
    EXPECT_NE(target.error().find(reason), std::string::npos) << line << " -> " << target.error();
  }
}

TEST(ProjectorTarget, ListNamesTheBadLineAndRefusesDuplicates) {
  auto list = parseProjectorTargets({"10.0.0.1", "10.0.0.2 nonsense"});
  ASSERT_FALSE(list);
  EXPECT_TRUE(list.error().starts_with("projector 2: ")) << list.error();
  list = parseProjectorTargets({"10.0.0.1", "10.0.0.1:4352"});
  ASSERT_FALSE(list);
  EXPECT_NE(list.error().find("twice"), std::string::npos);
}

TEST(CollectorSettings, ProjectorsAddTheProjectorCollector) {
  const auto none = parseCollectorSettings({});
  ASSERT_TRUE(none);
  const auto some = parseCollectorSettings({"10.0.0.1", "10.0.0.2 name=Salle B13"});
  ASSERT_TRUE(some) << some.error();
  EXPECT_EQ(some->projectors.size(), 2u);
  const auto plain = makeCollectors(*none);
  const auto with = makeCollectors(*some);
  ASSERT_EQ(with.size(), plain.size() + 1);
  EXPECT_EQ(with.back()->name(), "projectors");
  EXPECT_FALSE(parseCollectorSettings({"not an address"}));
}

}  // namespace
}  // namespace parc::agent::pjlink
