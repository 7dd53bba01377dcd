// Projector rules from PJLink states (the ERST categories, lamp hours, polls).

#include <gtest/gtest.h>

#include "server/alerts/rule_set.h"

namespace parc::server::alerts {
namespace {

ProjectorState polled(bool reachable) {
  ProjectorState p;
  p.address = "10.12.3.40";
  p.reachable = reachable;
  return p;
}

TEST(ProjectorRules, ErrorsAndWarningsPerCategory) {
  ProjectorFacts facts{polled(true), {}};
  facts.current.errors = ProjectorErrors{"ok", "error", "ok", "ok", "warning", "ok", {}};
  auto found = evaluateProjector(facts, {});
  ASSERT_EQ(found.size(), 2u);
  std::map<std::string, std::string> by_key;
  for (const Finding& f : found) by_key[f.key] = f.severity;
  EXPECT_EQ(by_key["lamp"], "critical");
  EXPECT_EQ(by_key["filter"], "warning");
  const Overrides errors_only{{"projector_error", {{"warnings", "0"}}}};
  EXPECT_EQ(evaluateProjector(facts, errors_only).size(), 1u);
}

TEST(ProjectorRules, GarbageErrorValuesAreIgnored) {
  ProjectorFacts facts{polled(true), {}};
  facts.current.errors = ProjectorErrors{"\x01", "ERROR!", "", "2", "okay", std::nullopt, {}};
  EXPECT_TRUE(evaluateProjector(facts, {}).empty());
}

TEST(ProjectorRules, LampHoursAgainstRatedLife) {
  ProjectorFacts facts{polled(true), {}};
  facts.current.lamp_hours = {2810};
  facts.current.lamp_life_hours = 3500;  // alert at 3150 h
  EXPECT_TRUE(evaluateProjector(facts, {}).empty());
  facts.current.lamp_hours = {3200};
  auto found = evaluateProjector(facts, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule_id, "projector_lamp_hours");
  EXPECT_EQ(found[0].key, "lamp1");
  facts.current.lamp_life_hours.reset();  // default 3000 h: alert at 2700 h
  facts.current.lamp_hours = {2810};
  EXPECT_EQ(evaluateProjector(facts, {}).size(), 1u);
}

TEST(ProjectorRules, UnreachableNeedsConsecutiveFailedPolls) {
  ProjectorFacts facts{polled(false), {}};
  EXPECT_TRUE(evaluateProjector(facts, {}).empty()) << "one failed poll";
  facts.previous.push_back(polled(true));
  EXPECT_TRUE(evaluateProjector(facts, {}).empty());
  facts.previous[0] = polled(false);
  const auto found = evaluateProjector(facts, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule_id, "projector_unreachable");
  facts.current = polled(true);
  EXPECT_TRUE(evaluateProjector(facts, {}).empty()) << "answered again";
}

}  // namespace
}  // namespace parc::server::alerts
