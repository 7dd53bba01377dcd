#include "server/alerts/school_calendar.h"

#include <algorithm>

namespace parc::server::alerts {
namespace {

using namespace std::chrono;

constexpr int kMaxDays = 800;

sys_days lastSunday(year y, month m) { return sys_days{y / m / Sunday[last]}; }

struct Segment {
  TimePoint from, to;
};

// `window` minus every interval of `off`.
std::vector<Segment> subtract(Segment window, const std::vector<Interval>& off) {
  std::vector<Segment> parts{window};
  for (const Interval& gap : off) {
    std::vector<Segment> next;
    for (const Segment& part : parts) {
      if (gap.to <= part.from || gap.from >= part.to) {
        next.push_back(part);
        continue;
      }
      if (gap.from > part.from) next.push_back({part.from, gap.from});
      if (gap.to < part.to) next.push_back({gap.to, part.to});
    }
    parts = std::move(next);
  }
  return parts;
}

// The share of `date`'s school window inside [from, to) and outside the calendar's gaps.
double dayShare(const SchoolCalendar& calendar, sys_days date, TimePoint from, TimePoint to) {
  const weekday day{date};
  if (day == Saturday || day == Sunday) return 0;
  const minutes end = day == Wednesday && calendar.wednesday_afternoon_off ? calendar.wednesday_end
                                                                          : calendar.day_end;
  const Segment window{parisTime(date, calendar.day_start), parisTime(date, end)};
  if (window.to <= window.from) return 0;
  seconds inside{0};
  for (const Segment& part : subtract(window, calendar.off)) {
    const TimePoint a = std::max(part.from, from);
    const TimePoint b = std::min(part.to, to);
    if (b > a) inside += b - a;
  }
  return static_cast<double>(inside.count()) / static_cast<double>((window.to - window.from).count());
}

}  // namespace

seconds parisOffset(TimePoint instant) {
  const year y = year_month_day{floor<days>(instant)}.year();
  const TimePoint summer_from{lastSunday(y, March) + hours(1)};
  const TimePoint summer_to{lastSunday(y, October) + hours(1)};
  return instant >= summer_from && instant < summer_to ? hours(2) : hours(1);
}

sys_days parisDate(TimePoint instant) { return floor<days>(instant + parisOffset(instant)); }

TimePoint parisTime(sys_days date, minutes time_of_day) {
  const TimePoint wall{date + time_of_day};  // local wall time read as if it were UTC
  // The offset in force two hours before the wall time read as UTC decides: right
  // for every time of day outside the changes' own hour; 02:30 on the last Sunday of
  // March (which does not exist) becomes 03:30 CEST, 02:30 on the last Sunday of
  // October (which happens twice) its first, CEST, occurrence.
  return wall - parisOffset(wall - hours(2));
}

double schoolDaysBetween(const SchoolCalendar& calendar, TimePoint from, TimePoint to) {
  if (to <= from) return 0;
  sys_days first = parisDate(from);
  const sys_days last = parisDate(to);
  if (last - first > days(kMaxDays)) first = last - days(kMaxDays);
  double total = 0;
  for (sys_days date = first; date <= last; date += days(1)) total += dayShare(calendar, date, from, to);
  return total;
}

}  // namespace parc::server::alerts
