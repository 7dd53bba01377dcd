// SqliteStore: rule settings per collectivity, school holidays per zone, closures
// and Wednesday afternoons per site.

#include "server/store/sqlite/sqlite_calendar.h"

#include <algorithm>

#include "server/alerts/rule_catalog.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace sqlite {
namespace {

void addIntervals(Statement& query, std::vector<alerts::Interval>& out) {
  while (query.step()) {
    auto from = parseRfc3339(query.text(0));
    auto to = parseRfc3339(query.text(1));
    if (from && to) out.push_back({*from, *to});
  }
}

bool siteExists(Connection& db, const std::string& site_id) {
  Statement query = db.prepare("SELECT 1 FROM sites WHERE id = ?", "find site");
  query.bind(1, site_id);
  return query.step();
}

}  // namespace

alerts::SchoolCalendar loadCalendar(Connection& db, const std::string& site_id, const OptString& zone) {
  alerts::SchoolCalendar calendar;
  if (zone) {
    Statement holidays = db.prepare("SELECT starts_at, ends_at FROM school_holidays WHERE zone = ?",
                                    "read holidays");
    holidays.bind(1, *zone);
    addIntervals(holidays, calendar.off);
  }
  Statement closures = db.prepare("SELECT starts_at, ends_at FROM site_closures WHERE site_id = ?",
                                  "read closures");
  closures.bind(1, site_id);
  addIntervals(closures, calendar.off);
  Statement wednesday = db.prepare("SELECT wednesday_afternoon_off FROM site_calendars WHERE site_id = ?",
                                   "read site calendar");
  wednesday.bind(1, site_id);
  calendar.wednesday_afternoon_off = wednesday.step() && wednesday.integer(0) != 0;
  return calendar;
}

}  // namespace sqlite

Status SqliteStore::setRuleSetting(const RuleSetting& setting) {
  if (Status valid = alerts::checkSetting(setting.rule_id, setting.name, setting.value); !valid) return valid;
  std::lock_guard lock(mutex_);
  auto done = sqlite::guardResult([&]() -> Result<bool> {
    sqlite::Connection& db = *connection_;
    sqlite::Statement find = db.prepare("SELECT 1 FROM collectivities WHERE id = ?", "find collectivity");
    find.bind(1, setting.collectivity_id);
    if (!find.step()) return makeError("unknown collectivity " + setting.collectivity_id);
    db.prepare("INSERT INTO alert_rule_settings (collectivity_id, rule_id, name, value) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (collectivity_id, rule_id, name) DO UPDATE SET value = excluded.value",
               "set rule setting")
        .bind(1, setting.collectivity_id).bind(2, setting.rule_id).bind(3, setting.name).bind(4, setting.value)
        .run();
    return true;
  });
  if (!done) return makeError(done.error());
  return {};
}

std::vector<RuleSetting> SqliteStore::listRuleSettings(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    if (!scope.all) conditions.add("r.collectivity_id = ?", {scope.collectivity_id.value_or("")});
    sqlite::Statement query = connection_->prepare(
        "SELECT r.collectivity_id, r.rule_id, r.name, r.value FROM alert_rule_settings r" + conditions.where() +
            " ORDER BY r.collectivity_id, r.rule_id, r.name",
        "list rule settings");
    query.bindAll(conditions.values());
    std::vector<RuleSetting> out;
    while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
    return out;
  });
}

Result<std::size_t> SqliteStore::importHolidays(const std::string& zone, const std::vector<Holiday>& holidays) {
  if (zone != "A" && zone != "B" && zone != "C") return makeError("zone: expected A, B or C");
  if (holidays.empty()) return makeError("no holiday in the file");
  const auto first = std::min_element(holidays.begin(), holidays.end(), [](const Holiday& a, const Holiday& b) {
    return a.starts_at < b.starts_at;
  });
  TimePoint span_end = first->ends_at;
  for (const Holiday& h : holidays) span_end = std::max(span_end, h.ends_at);
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::size_t> {
    sqlite::Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    // A new file for a school year replaces that year's holidays, keeps the others.
    db.prepare("DELETE FROM school_holidays WHERE zone = ? AND starts_at >= ? AND starts_at < ?",
               "replace holidays")
        .bind(1, zone).bind(2, formatRfc3339(first->starts_at)).bind(3, formatRfc3339(span_end)).run();
    for (const Holiday& h : holidays) {
      db.prepare("INSERT INTO school_holidays (zone, starts_at, ends_at, summary) VALUES (?, ?, ?, ?)",
                 "insert holiday")
          .bind(1, zone).bind(2, formatRfc3339(h.starts_at)).bind(3, formatRfc3339(h.ends_at)).bind(4, h.summary)
          .run();
    }
    transaction.commit();
    return holidays.size();
  });
}

Result<SiteClosure> SqliteStore::addClosure(const SiteClosure& closure) {
  if (closure.ends_at <= closure.starts_at) return makeError("a closure ends after it starts");
  if (closure.reason.empty()) return makeError("a closure needs a reason");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<SiteClosure> {
    sqlite::Connection& db = *connection_;
    if (!sqlite::siteExists(db, closure.site_id)) return makeError("unknown site " + closure.site_id);
    SiteClosure saved = closure;
    saved.id = newId();
    db.prepare("INSERT INTO site_closures (id, site_id, starts_at, ends_at, reason) VALUES (?, ?, ?, ?, ?)",
               "insert closure")
        .bind(1, saved.id).bind(2, saved.site_id).bind(3, formatRfc3339(saved.starts_at))
        .bind(4, formatRfc3339(saved.ends_at)).bind(5, saved.reason)
        .run();
    return saved;
  });
}

Status SqliteStore::setWednesdayAfternoonOff(const std::string& site_id, bool off) {
  std::lock_guard lock(mutex_);
  auto done = sqlite::guardResult([&]() -> Result<bool> {
    sqlite::Connection& db = *connection_;
    if (!sqlite::siteExists(db, site_id)) return makeError("unknown site " + site_id);
    db.prepare("INSERT INTO site_calendars (site_id, wednesday_afternoon_off) VALUES (?, ?) "
               "ON CONFLICT (site_id) DO UPDATE SET wednesday_afternoon_off = excluded.wednesday_afternoon_off",
               "set wednesday afternoons")
        .bind(1, site_id).bind(2, std::int64_t{off ? 1 : 0}).run();
    return true;
  });
  if (!done) return makeError(done.error());
  return {};
}

}  // namespace parc::server
