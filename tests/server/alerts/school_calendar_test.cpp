// School time in Paris: weekends, Wednesday afternoons, holidays, closures, and
// the days the clocks change (last Sundays of March and October).

#include <gtest/gtest.h>

#include "server/alerts/school_calendar.h"

namespace parc::server::alerts {
namespace {

using namespace std::chrono;

TimePoint at(const char* text) { return *parseRfc3339(text); }

TEST(SchoolCalendar, ParisOffsetAroundTheChanges) {
  // 2026: last Sunday of March is the 29th, of October the 25th; changes at 01:00 UTC.
  EXPECT_EQ(parisOffset(at("2026-03-29T00:59:59Z")), hours(1));
  EXPECT_EQ(parisOffset(at("2026-03-29T01:00:00Z")), hours(2));
  EXPECT_EQ(parisOffset(at("2026-10-25T00:59:59Z")), hours(2));
  EXPECT_EQ(parisOffset(at("2026-10-25T01:00:00Z")), hours(1));
  EXPECT_EQ(parisOffset(at("2027-03-28T01:00:00Z")), hours(2));  // 2027: the 28th
  EXPECT_EQ(parisOffset(at("2027-03-27T12:00:00Z")), hours(1));
}

TEST(SchoolCalendar, LocalTimesAcrossTheChanges) {
  EXPECT_EQ(parisTime(sys_days{2026y / March / 27}, hours(8)), at("2026-03-27T07:00:00Z"));
  EXPECT_EQ(parisTime(sys_days{2026y / March / 30}, hours(8)), at("2026-03-30T06:00:00Z"));
  EXPECT_EQ(parisTime(sys_days{2026y / March / 29}, hours(3)), at("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parisTime(sys_days{2026y / October / 23}, hours(8)), at("2026-10-23T06:00:00Z"));
  EXPECT_EQ(parisTime(sys_days{2026y / October / 26}, hours(8)), at("2026-10-26T07:00:00Z"));
  EXPECT_EQ(parisDate(at("2026-10-24T22:30:00Z")), sys_days{2026y / October / 25});  // 00:30 CEST
  EXPECT_EQ(parisDate(at("2026-10-25T23:30:00Z")), sys_days{2026y / October / 26});  // 00:30 CET
}

TEST(SchoolCalendar, AWeekendAcrossTheMarchChangeCountsNothing) {
  const SchoolCalendar calendar;
  // Friday 17:00 CET to Monday 08:00 CEST: no school time.
  EXPECT_DOUBLE_EQ(schoolDaysBetween(calendar, at("2026-03-27T16:00:00Z"), at("2026-03-30T06:00:00Z")), 0.0);
  // Friday 16:00 to Monday 09:00 local: one hour of each day out of nine.
  EXPECT_NEAR(schoolDaysBetween(calendar, at("2026-03-27T15:00:00Z"), at("2026-03-30T07:00:00Z")), 2.0 / 9, 1e-9);
}

TEST(SchoolCalendar, TheOctoberChangeToo) {
  const SchoolCalendar calendar;
  EXPECT_NEAR(schoolDaysBetween(calendar, at("2026-10-23T14:00:00Z"), at("2026-10-26T08:00:00Z")), 2.0 / 9, 1e-9);
}

TEST(SchoolCalendar, WholeWeekIsFiveDays) {
  const SchoolCalendar calendar;
  EXPECT_NEAR(schoolDaysBetween(calendar, at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z")), 5.0, 1e-9);
  EXPECT_DOUBLE_EQ(schoolDaysBetween(calendar, at("2026-11-23T00:00:00Z"), at("2026-11-16T00:00:00Z")), 0.0);
}

TEST(SchoolCalendar, WednesdayAfternoonOff) {
  SchoolCalendar calendar;
  // Wednesday 2026-11-18, 13:00 to 17:00 local (12:00-16:00 UTC).
  const TimePoint from = at("2026-11-18T12:00:00Z"), to = at("2026-11-18T16:00:00Z");
  EXPECT_NEAR(schoolDaysBetween(calendar, from, to), 4.0 / 9, 1e-9);
  calendar.wednesday_afternoon_off = true;
  EXPECT_DOUBLE_EQ(schoolDaysBetween(calendar, from, to), 0.0);
  // The morning is then the whole day.
  EXPECT_NEAR(schoolDaysBetween(calendar, at("2026-11-18T07:00:00Z"), at("2026-11-18T11:00:00Z")), 1.0, 1e-9);
}

TEST(SchoolCalendar, HolidaysAndClosuresCountNothing) {
  SchoolCalendar calendar;
  // Toussaint 2026, zone B: 17 October to 2 November (local midnights).
  calendar.off.push_back({parisTime(sys_days{2026y / October / 17}, minutes(0)),
                          parisTime(sys_days{2026y / November / 2}, minutes(0))});
  EXPECT_DOUBLE_EQ(schoolDaysBetween(calendar, at("2026-10-16T16:00:00Z"), at("2026-11-02T07:00:00Z")), 0.0);
  // A closure on Monday 2 November (a strike, a flood).
  calendar.off.push_back({parisTime(sys_days{2026y / November / 2}, minutes(0)),
                          parisTime(sys_days{2026y / November / 3}, minutes(0))});
  EXPECT_NEAR(schoolDaysBetween(calendar, at("2026-10-16T16:00:00Z"), at("2026-11-03T16:00:00Z")), 1.0, 1e-9);
}

TEST(SchoolCalendar, VeryLongSilenceIsBounded) {
  const SchoolCalendar calendar;
  const double days = schoolDaysBetween(calendar, at("1970-01-01T00:00:00Z"), at("2026-11-23T12:00:00Z"));
  EXPECT_GT(days, 500.0);
  EXPECT_LT(days, 600.0);
}

}  // namespace
}  // namespace parc::server::alerts
