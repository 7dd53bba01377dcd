#pragma once
// Alerts opened per week (pure): daily counts from the store bucketed into weeks
// starting Monday (UTC), every week present, oldest first.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server::stats {

inline constexpr int kMaxWeeks = 260;  // five years

struct WeekCount {
  std::string week_start;  // YYYY-MM-DD, a Monday
  std::int64_t opened = 0;
  std::int64_t critical = 0, warning = 0, info = 0;  // other severities count in `opened` only
};

// The Monday starting the week of `day`.
std::chrono::sys_days weekStart(std::chrono::sys_days day);
std::string formatDay(std::chrono::sys_days day);  // YYYY-MM-DD

// The first day of the oldest of `weeks` weeks ending with the week of `today`.
std::chrono::sys_days firstDay(std::chrono::sys_days today, int weeks);

// `weeks` buckets, the last one holding `today`. Days outside them, or that are
// not dates, are ignored.
std::vector<WeekCount> bucketWeekly(const std::vector<DailyAlertCount>& days, std::chrono::sys_days today,
                                    int weeks);

}  // namespace parc::server::stats
