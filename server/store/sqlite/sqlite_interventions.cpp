// SqliteStore: interventions (what was done, minutes spent, by whom) on an alert
// or a device, and the per-site, per-month summary ("tableau de suivi").

#include <map>

#include "server/alerts/school_calendar.h"
#include "server/store/sqlite/sqlite_alert_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;

// The device (and its site) of an intervention, when `scope` may see it.
std::optional<sqlite::AlertTarget> scopedDevice(Connection& db, const Scope& scope, const std::string& device_id) {
  sqlite::Conditions conditions;
  conditions.add("d.id = ?", {device_id});
  sqlite::addScope(scope, "s", conditions);
  Statement query = db.prepare(
      "SELECT d.site_id, s.collectivity_id FROM devices d JOIN sites s ON s.id = d.site_id" + conditions.where(),
      "read scoped device");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  return sqlite::AlertTarget{device_id, query.text(0), query.text(1)};
}

std::optional<std::string> scopedAlertDevice(Connection& db, const Scope& scope, const std::string& alert_id) {
  sqlite::Conditions conditions;
  conditions.add("a.id = ?", {alert_id});
  sqlite::addScope(scope, "s", conditions);
  Statement query = db.prepare(
      "SELECT a.device_id FROM alerts a JOIN sites s ON s.id = a.site_id" + conditions.where(),
      "read scoped alert device");
  query.bindAll(conditions.values());
  return query.step() ? std::optional(query.text(0)) : std::nullopt;
}

// [start, end) of a month "YYYY-MM" in Paris time.
std::optional<std::pair<std::string, std::string>> monthRange(const std::string& month) {
  using namespace std::chrono;
  if (month.size() != 7 || month[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(month[i]))) return std::nullopt;
    y = y * 10 + (month[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(month[i]))) return std::nullopt;
    m = m * 10 + (month[i] - '0');
  }
  if (m < 1 || m > 12 || y < 2000) return std::nullopt;
  const year_month first{year{y}, std::chrono::month{static_cast<unsigned>(m)}};
  const year_month next = first + months(1);
  return std::pair{formatRfc3339(alerts::parisTime(sys_days{first / 1}, minutes(0))),
                   formatRfc3339(alerts::parisTime(sys_days{next / 1}, minutes(0)))};
}

void addRow(std::map<std::string, InterventionSummary::Row>& rows, const std::string& key, OptString label,
            std::int64_t minutes) {
  auto& row = rows[key];
  row.key = key;
  if (label) row.label = std::move(label);
  row.count += 1;
  row.minutes += minutes;
}

std::vector<InterventionSummary::Row> values(std::map<std::string, InterventionSummary::Row> rows) {
  std::vector<InterventionSummary::Row> out;
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

}  // namespace

Result<InterventionRecorded> SqliteStore::logIntervention(const Scope& scope, const NewIntervention& wanted,
                                                          TimePoint now) {
  if (wanted.what.empty()) return makeError("what: describe what was done");
  if (wanted.minutes < 0 || wanted.minutes > kMaxMinutes) return makeError("minutes: expected 0 to 10080");
  if (wanted.alert_id.has_value() == wanted.device_id.has_value()) {
    return makeError("give exactly one of alert_id or device_id");
  }
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<InterventionRecorded> {
    Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    const auto device_id = wanted.alert_id ? scopedAlertDevice(db, scope, *wanted.alert_id) : wanted.device_id;
    const auto target = device_id ? scopedDevice(db, scope, *device_id) : std::nullopt;
    if (!target) return makeError("not_found");
    const std::string at = formatRfc3339(now);
    Intervention done{newId(), target->device_id, target->site_id, wanted.alert_id, wanted.what,
                      wanted.minutes, wanted.by, at};
    db.prepare("INSERT INTO interventions (id, collectivity_id, site_id, device_id, alert_id, what, minutes, "
               "by_actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "insert intervention")
        .bind(1, done.id).bind(2, target->collectivity_id).bind(3, done.site_id).bind(4, done.device_id)
        .bind(5, done.alert_id).bind(6, done.what).bind(7, done.minutes).bind(8, done.by).bind(9, at)
        .run();
    InterventionRecorded recorded{done, {}};
    if (wanted.alert_id) {
      recorded.events.push_back(
          sqlite::appendAlertEvent(db, *sqlite::readAlert(db, *wanted.alert_id), "intervention", at));
    }
    transaction.commit();
    return recorded;
  });
}

Result<InterventionSummary> SqliteStore::interventionSummary(const Scope& scope, const std::string& site_id,
                                                             const std::string& month) {
  const auto range = monthRange(month);
  if (!range) return makeError("month: expected YYYY-MM");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<InterventionSummary> {
    Connection& db = *connection_;
    sqlite::Conditions site;
    site.add("s.id = ?", {site_id});
    sqlite::addScope(scope, "s", site);
    Statement find = db.prepare("SELECT s.name FROM sites s" + site.where(), "read summary site");
    find.bindAll(site.values());
    if (!find.step()) return makeError("not_found");
    InterventionSummary summary{site_id, find.text(0), month, 0, 0, {}, {}, {}};
    Statement query = db.prepare(
        "SELECT i.id, i.device_id, i.site_id, i.alert_id, i.what, i.minutes, i.by_actor, i.at, d.hostname "
        "FROM interventions i JOIN devices d ON d.id = i.device_id "
        "WHERE i.site_id = ? AND i.at >= ? AND i.at < ? ORDER BY i.at, i.id",
        "read intervention summary");
    query.bind(1, site_id).bind(2, range->first).bind(3, range->second);
    std::map<std::string, InterventionSummary::Row> devices, people;
    while (query.step()) {
      Intervention i{query.text(0), query.text(1), query.text(2), query.optText(3), query.text(4),
                     query.integer(5), query.text(6), query.text(7)};
      summary.count += 1;
      summary.minutes += i.minutes;
      addRow(devices, i.device_id, query.optText(8), i.minutes);
      addRow(people, i.by, std::nullopt, i.minutes);
      summary.interventions.push_back(std::move(i));
    }
    summary.by_device = values(std::move(devices));
    summary.by_person = values(std::move(people));
    return summary;
  });
}

}  // namespace parc::server
