// The simulator's model: answers and control lines (pure, no sockets).
#include "tools/pjlink-sim/sim_model.h"

#include <gtest/gtest.h>

#include "agent/pjlink/reply_parser.h"

namespace parc::tools::pjlink_sim {
namespace {

const SimClock::time_point kStart{};

TEST(PjlinkSimModel, AnswersParseWithTheAgentParser) {
  SimModel model;
  const auto reply = agent::pjlink::parseReply(model.answer("%1LAMP ?", kStart), "LAMP");
  ASSERT_TRUE(reply);
  const auto lamps = agent::pjlink::parseLamps(reply->value);
  ASSERT_TRUE(lamps) << lamps.error();
  EXPECT_EQ((*lamps)[0].hours, model.settings().lamp_hours[0]);
}

TEST(PjlinkSimModel, PowerGoesThroughWarmingAndCooling) {
  SimModel model;
  ASSERT_TRUE(model.control("warmup_ms 1000", kStart));
  ASSERT_TRUE(model.control("cooldown_ms 500", kStart));
  ASSERT_TRUE(model.control("power off", kStart));
  EXPECT_EQ(model.answer("%1POWR ?", kStart), "%1POWR=2");
  EXPECT_EQ(model.answer("%1POWR ?", kStart + std::chrono::milliseconds(500)), "%1POWR=0");
  EXPECT_EQ(model.answer("%1POWR 1", kStart + std::chrono::milliseconds(600)), "%1POWR=OK");
  EXPECT_EQ(model.answer("%1POWR ?", kStart + std::chrono::milliseconds(700)), "%1POWR=3");
  EXPECT_EQ(model.answer("%1POWR ?", kStart + std::chrono::milliseconds(1600)), "%1POWR=1");
}

TEST(PjlinkSimModel, ClassOneRefusesClassTwoCommands) {
  SimModel model;
  ASSERT_TRUE(model.control("class 1", kStart));
  EXPECT_EQ(model.answer("%2SNUM ?", kStart), "%2SNUM=ERR1");
  EXPECT_EQ(model.answer("%1CLSS ?", kStart), "%1CLSS=1");
  ASSERT_TRUE(model.control("lowercase on", kStart));
  EXPECT_EQ(model.answer("%1XXXX ?", kStart), "%1xxxx=err1");
}

TEST(PjlinkSimModel, HostileControlLinesAreRefused) {
  SimModel model;
  for (const char* line : {"", "erst 0000", "erst 00000x", "lamp", "lamp -1", "lamp 1,2,3,4,5,6,7,8,9",
                           "class 3", "power maybe", "slow_ms 99999999999", "unknown 1", "drop x"}) {
    EXPECT_FALSE(model.control(line, kStart)) << line;
  }
  EXPECT_EQ(model.settings().erst, "000000");
}

TEST(PjlinkSimModel, MalformedCommandsGetErr1) {
  SimModel model;
  EXPECT_EQ(model.answer("", kStart), "%1ERR=ERR1");
  EXPECT_EQ(model.answer("%1POWR", kStart), "%1ERR=ERR1");
  EXPECT_EQ(model.answer("%1ERST 1", kStart), "%1ERST=ERR2");
}

}  // namespace
}  // namespace parc::tools::pjlink_sim
