#include "server/cli/alert_commands.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "server/alerts/ical.h"
#include "server/alerts/rule_catalog.h"
#include "server/alerts/school_calendar.h"

namespace parc::server {
namespace {

constexpr std::uintmax_t kMaxCalendarBytes = 4 * 1024 * 1024;

void check(const Status& status) {
  if (!status) throw std::runtime_error(status.error());
}

std::string oneSite(const AlertCommand& command) {
  if (command.sites.size() != 1) throw std::invalid_argument("--site ID is required, once");
  return command.sites.front();
}

void listRules(Store& store, const AlertCommand& command, std::ostream& out) {
  alerts::Overrides overrides;
  if (command.collectivity) {
    for (const RuleSetting& s : store.listRuleSettings(Scope::collectivity(*command.collectivity))) {
      overrides[s.rule_id][s.name] = s.value;
    }
  }
  for (const alerts::RuleDefinition& rule : alerts::builtinRules()) {
    out << rule.id;
    for (const auto& [name, value] : alerts::effectiveSettings(rule, overrides).values()) {
      out << "\t" << name << "=" << value;
    }
    out << "\n";
  }
}

void setRule(Store& store, const AlertCommand& command) {
  if (!command.collectivity) throw std::invalid_argument("--collectivity ID is required");
  if (command.arguments.size() < 2) throw std::invalid_argument("expected RULE NAME=VALUE...");
  const std::string& rule = command.arguments[0];
  for (std::size_t i = 1; i < command.arguments.size(); ++i) {
    const std::string& pair = command.arguments[i];
    const std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("expected NAME=VALUE, got " + pair);
    check(store.setRuleSetting({*command.collectivity, rule, pair.substr(0, eq), pair.substr(eq + 1)}));
  }
}

std::string readCalendarFile(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read " + path + ": " + ec.message());
  if (size > kMaxCalendarBytes) throw std::runtime_error(path + ": larger than 4 MiB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("cannot read " + path);
  return text.str();
}

void importCalendar(Store& store, const AlertCommand& command, std::ostream& out) {
  if (!command.zone) throw std::invalid_argument("--zone A|B|C is required");
  if (command.arguments.size() != 1) throw std::invalid_argument("expected one FILE.ics");
  auto events = alerts::parseICalendar(readCalendarFile(command.arguments[0]));
  if (!events) throw std::runtime_error(command.arguments[0] + ": " + events.error());
  std::vector<Holiday> holidays;
  for (const alerts::CalendarEvent& event : *events) {
    if (alerts::isHoliday(event)) holidays.push_back({*command.zone, event.summary, event.starts_at, event.ends_at});
  }
  auto imported = store.importHolidays(*command.zone, holidays);
  if (!imported) throw std::runtime_error(imported.error());
  out << *imported << "\n";
}

std::chrono::sys_days parseDate(const std::string& text) {
  auto instant = parseRfc3339(text + "T00:00:00Z");
  if (text.size() != 10 || !instant) throw std::invalid_argument("expected a date YYYY-MM-DD, got " + text);
  return std::chrono::floor<std::chrono::days>(*instant);
}

void closeSite(Store& store, const AlertCommand& command, std::ostream& out) {
  const std::string site = oneSite(command);
  if (command.arguments.size() != 3) throw std::invalid_argument("expected FROM TO REASON");
  const auto from = parseDate(command.arguments[0]);
  const auto to = parseDate(command.arguments[1]);
  if (to < from) throw std::invalid_argument("TO is before FROM");
  SiteClosure closure{"", site, command.arguments[2], alerts::parisTime(from, std::chrono::minutes(0)),
                      alerts::parisTime(to + std::chrono::days(1), std::chrono::minutes(0))};
  auto saved = store.addClosure(closure);
  if (!saved) throw std::runtime_error(saved.error());
  out << saved->id << "\n";
}

void setWednesday(Store& store, const AlertCommand& command) {
  const std::string site = oneSite(command);
  if (command.arguments.size() != 1 || (command.arguments[0] != "on" && command.arguments[0] != "off")) {
    throw std::invalid_argument("expected on (lessons on Wednesday afternoons) or off");
  }
  check(store.setWednesdayAfternoonOff(site, command.arguments[0] == "off"));
}

}  // namespace

void runAlertCommand(Store& store, const AlertCommand& command, std::ostream& out) {
  const std::string what = command.object + " " + command.action;
  if (what == "rule list") return listRules(store, command, out);
  if (what == "rule set") return setRule(store, command);
  if (what == "calendar import") return importCalendar(store, command, out);
  if (what == "calendar close") return closeSite(store, command, out);
  if (what == "calendar wednesday") return setWednesday(store, command);
  throw std::invalid_argument("unknown admin command \"" + what + "\"");
}

}  // namespace parc::server
