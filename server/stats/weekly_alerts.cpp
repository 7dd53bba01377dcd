#include "server/stats/weekly_alerts.h"

#include <cstdio>
#include <optional>

namespace parc::server::stats {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::optional<sys_days> parseDay(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int y = std::stoi(text.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

}  // namespace

sys_days weekStart(sys_days day) {
  const std::chrono::weekday weekday{day};
  // iso_encoding: Monday 1 ... Sunday 7.
  return day - days{weekday.iso_encoding() - 1};
}

std::string formatDay(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

sys_days firstDay(sys_days today, int weeks) { return weekStart(today) - days{7 * (weeks - 1)}; }

std::vector<WeekCount> bucketWeekly(const std::vector<DailyAlertCount>& daily, sys_days today, int weeks) {
  if (weeks < 1) return {};
  const sys_days first = firstDay(today, weeks);
  std::vector<WeekCount> out(static_cast<std::size_t>(weeks));
  for (int i = 0; i < weeks; ++i) out[static_cast<std::size_t>(i)].week_start = formatDay(first + days{7 * i});
  for (const DailyAlertCount& count : daily) {
    const auto day = parseDay(count.day);
    if (!day || *day < first) continue;
    const auto index = static_cast<std::size_t>((*day - first).count() / 7);
    if (index >= out.size()) continue;
    WeekCount& week = out[index];
    week.opened += count.count;
    if (count.severity == "critical") week.critical += count.count;
    if (count.severity == "warning") week.warning += count.count;
    if (count.severity == "info") week.info += count.count;
  }
  return out;
}

}  // namespace parc::server::stats
