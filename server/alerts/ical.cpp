#include "server/alerts/ical.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "server/alerts/school_calendar.h"

namespace parc::server::alerts {
namespace {

using namespace std::chrono;

struct Line {
  std::size_t number;  // of its first physical line
  std::string text;
};

// Splits on CRLF or LF and joins continuation lines (starting with space or tab).
std::vector<Line> unfold(std::string_view text) {
  std::vector<Line> out;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t') && !out.empty()) {
      out.back().text.append(raw.substr(1));
    } else if (!raw.empty()) {
      out.push_back({number, std::string(raw)});
    }
  }
  return out;
}

struct Property {
  std::string name, params, value;  // name upper-cased; params as written, ';'-led
};

std::optional<Property> splitProperty(const std::string& line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::size_t semi = line.find(';');
  const std::size_t name_end = std::min(colon, semi);
  Property p{line.substr(0, name_end), name_end < colon ? line.substr(name_end, colon - name_end) : "",
             line.substr(colon + 1)};
  std::transform(p.name.begin(), p.name.end(), p.name.begin(), [](unsigned char c) { return std::toupper(c); });
  return p;
}

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<sys_days> dateOf(std::string_view text) {
  const auto y = digits(text, 0, 4), m = digits(text, 4, 2), d = digits(text, 6, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

struct When {
  TimePoint at;
  bool date_only;
  sys_days date;  // the local date, for DATE values
};

Result<When> parseWhen(const Property& p) {
  const std::string& v = p.value;
  const auto date = dateOf(v);
  if (!date) return makeError(p.name + ": expected YYYYMMDD or YYYYMMDDTHHMMSS");
  if (v.size() == 8) return When{parisTime(*date, minutes(0)), true, *date};
  const auto h = digits(v, 9, 2), mi = digits(v, 11, 2), s = digits(v, 13, 2);
  const bool utc = v.size() == 16 && v[15] == 'Z';
  if (v[8] != 'T' || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60 || (v.size() != 15 && !utc)) {
    return makeError(p.name + ": expected YYYYMMDDTHHMMSS");
  }
  const minutes time_of_day = hours(*h) + minutes(*mi);
  if (utc) return When{TimePoint{*date} + time_of_day + seconds(*s), false, *date};
  if (p.params.find("TZID=") != std::string::npos && p.params.find("TZID=Europe/Paris") == std::string::npos) {
    return makeError(p.name + ": only TZID=Europe/Paris is supported");
  }
  return When{parisTime(*date, time_of_day) + seconds(*s), false, *date};
}

// TEXT values escape ',', ';', '\\' and newlines.
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out.push_back(next == 'n' || next == 'N' ? ' ' : next);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

struct Draft {
  std::optional<When> start, end;
  std::string summary;
};

Result<CalendarEvent> finish(const Draft& draft, std::size_t line) {
  const std::string where = "line " + std::to_string(line) + ": ";
  if (!draft.start) return makeError(where + "VEVENT without DTSTART");
  CalendarEvent event{draft.summary, draft.start->at, draft.start->at, draft.start->date_only};
  if (draft.end) {
    event.ends_at = draft.end->at;
  } else if (draft.start->date_only) {
    event.ends_at = parisTime(draft.start->date + days(1), minutes(0));  // RFC 5545: one day
  }
  if (event.ends_at < event.starts_at) return makeError(where + "DTEND before DTSTART");
  if (event.summary.size() > 500) event.summary.resize(500);
  return event;
}

}  // namespace

Result<std::vector<CalendarEvent>> parseICalendar(std::string_view text) {
  const std::vector<Line> lines = unfold(text);
  if (lines.empty() || lines.front().text != "BEGIN:VCALENDAR") {
    return makeError("line 1: expected BEGIN:VCALENDAR");
  }
  std::vector<CalendarEvent> events;
  std::optional<Draft> draft;
  bool ended = false;
  for (const Line& line : lines) {
    const std::string where = "line " + std::to_string(line.number) + ": ";
    const auto p = splitProperty(line.text);
    if (!p) return makeError(where + "expected NAME:VALUE");
    if (p->name == "BEGIN" && p->value == "VEVENT") {
      if (draft) return makeError(where + "VEVENT inside VEVENT");
      draft.emplace();
    } else if (p->name == "END" && p->value == "VEVENT") {
      if (!draft) return makeError(where + "END:VEVENT without BEGIN:VEVENT");
      auto event = finish(*draft, line.number);
      if (!event) return makeError(event.error());
      if (events.size() >= kMaxCalendarEvents) return makeError(where + "too many events");
      events.push_back(std::move(*event));
      draft.reset();
    } else if (p->name == "END" && p->value == "VCALENDAR") {
      ended = true;
    } else if (draft && (p->name == "DTSTART" || p->name == "DTEND")) {
      auto when = parseWhen(*p);
      if (!when) return makeError(where + when.error());
      (p->name == "DTSTART" ? draft->start : draft->end) = *when;
    } else if (draft && p->name == "SUMMARY") {
      draft->summary = unescape(p->value);
    }
  }
  if (draft || !ended) return makeError("unexpected end of file: expected END:VCALENDAR");
  return events;
}

bool isHoliday(const CalendarEvent& event) {
  std::string lower = event.summary;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return (lower.find("vacances") != std::string::npos || lower.find("pont") != std::string::npos) &&
         event.ends_at > event.starts_at;
}

}  // namespace parc::server::alerts
