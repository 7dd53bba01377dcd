#include "shared/time.h"

#include <gtest/gtest.h>

namespace parc {
namespace {

TEST(Time, FormatsAndParsesUtc) {
  auto t = parseRfc3339("2026-11-23T08:00:03Z");
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(formatRfc3339(*t), "2026-11-23T08:00:03Z");
}

TEST(Time, AppliesOffsetsAndDropsFractions) {
  auto paris = parseRfc3339("2026-11-23T09:00:03.250+01:00");
  ASSERT_TRUE(paris.ok()) << paris.error();
  EXPECT_EQ(formatRfc3339(*paris), "2026-11-23T08:00:03Z");
}

TEST(Time, RejectsMalformedTimes) {
  for (const char* bad : {"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                          "2026-11-23T25:00:00Z", "2026-11-23T08:00:03", "2026-11-23T08:00:03Zjunk",
                          "2026-11-23T08:00:03+1:00", "99999-11-23T08:00:03Z"}) {
    EXPECT_FALSE(parseRfc3339(bad).ok()) << bad;
  }
}

TEST(Time, ParsesDurations) {
  EXPECT_EQ(parseDuration("900")->count(), 900);
  EXPECT_EQ(parseDuration("15m")->count(), 900);
  EXPECT_EQ(parseDuration("12h")->count(), 43200);
  EXPECT_EQ(parseDuration("30d")->count(), 2592000);
  EXPECT_FALSE(parseDuration("-5m").ok());
  EXPECT_FALSE(parseDuration("5 weeks").ok());
  EXPECT_FALSE(parseDuration("").ok());
}

}  // namespace
}  // namespace parc
