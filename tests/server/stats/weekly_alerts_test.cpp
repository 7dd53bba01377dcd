// Weekly buckets: Monday-start UTC weeks, every week present, a year boundary.

#include <gtest/gtest.h>

#include "server/stats/weekly_alerts.h"

namespace parc::server::stats {
namespace {

using std::chrono::sys_days;

sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(WeeklyAlerts, WeeksStartOnMonday) {
  EXPECT_EQ(formatDay(weekStart(day(2026, 11, 23))), "2026-11-23");  // a Monday
  EXPECT_EQ(formatDay(weekStart(day(2026, 11, 29))), "2026-11-23");  // its Sunday
  EXPECT_EQ(formatDay(weekStart(day(2026, 11, 30))), "2026-11-30");
  EXPECT_EQ(formatDay(weekStart(day(2027, 1, 1))), "2026-12-28");    // a Friday, across the new year
  EXPECT_EQ(formatDay(weekStart(day(2024, 3, 3))), "2024-02-26");    // across 29 February
}

TEST(WeeklyAlerts, EveryWeekIsPresentAcrossAYearBoundaryEvenEmpty) {
  const std::vector<DailyAlertCount> daily = {
      {"2026-12-20", "critical", 9},  // before the first week: ignored
      {"2026-12-28", "warning", 2},   // Monday of the first week
      {"2027-01-03", "critical", 1},  // Sunday of the first week
      {"2027-01-03", "info", 4},
      {"2027-01-18", "warning", 3},   // the week of today
      {"2027-01-19", "notice", 5},    // an unknown severity counts in `opened` only
      {"2027-01-25", "warning", 7},   // after today's week: ignored
      {"2027-02-30", "warning", 7},   // not a date
      {"garbage", "warning", 7},
  };
  const auto weeks = bucketWeekly(daily, day(2027, 1, 20), 4);
  ASSERT_EQ(weeks.size(), 4u);
  EXPECT_EQ(weeks[0].week_start, "2026-12-28");
  EXPECT_EQ(weeks[1].week_start, "2027-01-04");
  EXPECT_EQ(weeks[2].week_start, "2027-01-11");
  EXPECT_EQ(weeks[3].week_start, "2027-01-18");
  EXPECT_EQ(weeks[0].opened, 2 + 1 + 4);
  EXPECT_EQ(weeks[0].warning, 2);
  EXPECT_EQ(weeks[0].critical, 1);
  EXPECT_EQ(weeks[0].info, 4);
  EXPECT_EQ(weeks[1].opened, 0);
  EXPECT_EQ(weeks[2].opened, 0);
  EXPECT_EQ(weeks[3].opened, 3 + 5);
  EXPECT_EQ(weeks[3].warning, 3);
  EXPECT_EQ(weeks[3].critical + weeks[3].info, 0);
}

TEST(WeeklyAlerts, TheFirstDayIsTheMondayWeeksBack) {
  EXPECT_EQ(formatDay(firstDay(day(2027, 1, 20), 1)), "2027-01-18");
  EXPECT_EQ(formatDay(firstDay(day(2027, 1, 20), 12)), "2026-11-02");
  EXPECT_EQ(bucketWeekly({}, day(2027, 1, 20), 0).size(), 0u);
  EXPECT_EQ(bucketWeekly({}, day(2027, 1, 20), kMaxWeeks).size(), static_cast<std::size_t>(kMaxWeeks));
}

}  // namespace
}  // namespace parc::server::stats
