// iCalendar import: the zone B calendar file (tests/fixtures/calendar, built in
// the shape of the official export) and hostile input.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/alerts/ical.h"
#include "server/alerts/school_calendar.h"

namespace parc::server::alerts {
namespace {

using namespace std::chrono;

std::string fixture() {
  std::ifstream in(std::string(PARC_FIXTURES_DIR) + "/calendar/calendrier-scolaire-2026-2027-zone-b.ics",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TimePoint at(const char* text) { return *parseRfc3339(text); }

std::string minimal(const std::string& event_lines) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n" + event_lines + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

TEST(ICalendar, ReadsTheZoneBCalendar) {
  const std::string text = fixture();
  ASSERT_FALSE(text.empty());
  auto events = parseICalendar(text);
  ASSERT_TRUE(events.ok()) << events.error();
  std::size_t vevents = 0;
  for (std::size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1)) {
    ++vevents;
  }
  EXPECT_EQ(events->size(), vevents);
  std::vector<CalendarEvent> holidays;
  for (const auto& e : *events) {
    if (isHoliday(e)) holidays.push_back(e);
  }
  EXPECT_EQ(holidays.size(), vevents - 2) << "the two 'Rentrée' events are not holidays";
  // DATE values are local midnights: 17 October 00:00 CEST.
  EXPECT_EQ(holidays[0].summary, "Vacances de la Toussaint - Zone B");
  EXPECT_EQ(holidays[0].starts_at, at("2026-10-16T22:00:00Z"));
  EXPECT_EQ(holidays[0].ends_at, at("2026-11-01T23:00:00Z"));  // 2 November 00:00 CET
  EXPECT_TRUE(holidays[0].all_day);
  // TZID=Europe/Paris DATE-TIME and UTC forms.
  EXPECT_EQ(holidays[1].starts_at, at("2026-12-18T23:00:00Z"));
  EXPECT_FALSE(holidays[1].all_day);
  EXPECT_EQ(holidays[3].starts_at, at("2027-04-16T22:00:00Z"));
}

TEST(ICalendar, UnfoldsLinesAndUnescapesText) {
  auto events = parseICalendar(minimal("DTSTART;VALUE=DATE:20261017\r\nSUMMARY:Vacances\\, de la\r\n  Toussaint\r\n"));
  ASSERT_TRUE(events.ok()) << events.error();
  EXPECT_EQ(events->at(0).summary, "Vacances, de la Toussaint");
  // A DATE without DTEND lasts one day.
  EXPECT_EQ(events->at(0).ends_at - events->at(0).starts_at, hours(24));
}

TEST(ICalendar, HostileInputIsAnErrorNamingTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "line 1"},
      {"garbage\x01\xff", "line 1"},
      {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261017\r\n", "end of file"},
      {minimal("DTSTART;VALUE=DATE:2026101\r\n"), "DTSTART"},
      {minimal("DTSTART;VALUE=DATE:20261399\r\n"), "DTSTART"},
      {minimal("DTSTART:20261017T250000\r\n"), "DTSTART"},
      {minimal("DTSTART;TZID=America/New_York:20261017T080000\r\n"), "TZID"},
      {minimal("SUMMARY:no start\r\n"), "without DTSTART"},
      {minimal("DTSTART;VALUE=DATE:20261017\r\nDTEND;VALUE=DATE:20261001\r\n"), "before"},
      {minimal("DTSTART;VALUE=DATE:20261017\r\nno colon here\r\n"), "NAME:VALUE"},
      {"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "without BEGIN"},
  };
  for (const auto& [text, expected] : cases) {
    auto events = parseICalendar(text);
    ASSERT_FALSE(events.ok()) << text;
    EXPECT_NE(events.error().find(expected), std::string::npos) << events.error();
  }
}

TEST(ICalendar, TooManyEventsIsRefused) {
  std::string text = "BEGIN:VCALENDAR\r\n";
  for (std::size_t i = 0; i <= kMaxCalendarEvents; ++i) {
    text += "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261017\r\nEND:VEVENT\r\n";
  }
  text += "END:VCALENDAR\r\n";
  auto events = parseICalendar(text);
  ASSERT_FALSE(events.ok());
  EXPECT_NE(events.error().find("too many"), std::string::npos);
}

}  // namespace
}  // namespace parc::server::alerts
