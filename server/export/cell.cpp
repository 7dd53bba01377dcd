#include "server/export/cell.h"

#include <chrono>
#include <cstdio>

namespace parc::server::exports {
namespace {

// Exactly `count` digits at `text[at]`.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool validDate(const Date& d) {
  const std::chrono::year_month_day ymd{std::chrono::year(d.year), std::chrono::month(d.month),
                                        std::chrono::day(d.day)};
  return d.year >= 1900 && ymd.ok();
}

}  // namespace

std::optional<Date> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const Date date{*year, *month, *day};
  if (!validDate(date)) return std::nullopt;
  return date;
}

std::optional<DateTime> parseDateTime(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const auto date = parseDate(text.substr(0, 10));
  const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!date || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  return DateTime{*date, *hour, *minute, *second};
}

std::string cellText(const Cell& cell) {
  char buffer[32];
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
  if (const auto* date = std::get_if<Date>(&cell)) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date->year, date->month, date->day);
    return buffer;
  }
  if (const auto* time = std::get_if<DateTime>(&cell)) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", time->date.year,
                  time->date.month, time->date.day, time->hour, time->minute, time->second);
    return buffer;
  }
  return "";
}

}  // namespace parc::server::exports
