#pragma once
// School time, in Europe/Paris local time: how many school days have passed
// between two instants. Pure; the calendar is a value.
//
// A school day is a weekday outside the site's holidays and closures. Its school
// time is a window of local time (08:00-17:00; 08:00-12:00 on Wednesdays when the
// site has no lessons on Wednesday afternoons). Each day's window counts as one
// day, so a machine silent from Friday 17:00 to Monday 08:00 missed no school.
//
// Europe/Paris follows the EU rule: CEST (UTC+2) from the last Sunday of March,
// 01:00 UTC, to the last Sunday of October, 01:00 UTC; CET (UTC+1) otherwise.

#include <chrono>
#include <vector>

#include "shared/time.h"

namespace parc::server::alerts {

struct Interval {
  TimePoint from, to;  // [from, to)
};

struct SchoolCalendar {
  std::vector<Interval> off;  // holidays of the zone and closures of the site
  bool wednesday_afternoon_off = false;
  std::chrono::minutes day_start{8 * 60}, day_end{17 * 60}, wednesday_end{12 * 60};
};

// UTC offset of Paris local time at `instant`.
std::chrono::seconds parisOffset(TimePoint instant);
// The local date in Paris at `instant`.
std::chrono::sys_days parisDate(TimePoint instant);
// The instant of local time `time_of_day` on `date` in Paris.
TimePoint parisTime(std::chrono::sys_days date, std::chrono::minutes time_of_day);

// School days (with fractions) between `from` and `to`; 0 when to <= from.
// Looks at most 800 days back: anything longer is simply very long.
double schoolDaysBetween(const SchoolCalendar& calendar, TimePoint from, TimePoint to);

}  // namespace parc::server::alerts
