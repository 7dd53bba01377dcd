#pragma once
// A pure reader of iCalendar (RFC 5545) files as the French "calendrier scolaire"
// export gives them: VEVENTs with DTSTART/DTEND as DATE, DATE-TIME in UTC, or
// DATE-TIME with TZID=Europe/Paris (or floating, read as Paris time), and SUMMARY.
// Folded lines are unfolded; other properties and components are skipped.

#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"
#include "shared/time.h"

namespace parc::server::alerts {

inline constexpr std::size_t kMaxCalendarEvents = 5000;

struct CalendarEvent {
  std::string summary;
  TimePoint starts_at, ends_at;  // [starts_at, ends_at)
  bool all_day = false;
};

// Errors name the line and the reason ("line 12: DTSTART: expected YYYYMMDD").
Result<std::vector<CalendarEvent>> parseICalendar(std::string_view text);

// A holiday period ("Vacances de la Toussaint", "Pont de l'Ascension"), as opposed
// to the other dates of the file ("Rentrée scolaire des élèves").
bool isHoliday(const CalendarEvent& event);

}  // namespace parc::server::alerts
