// SqliteStore: alerts opened per day (the weekly chart) and the interventions
// list the activity export pages through. Scoped like every read.

#include <algorithm>
#include <charconv>

#include "server/store/sqlite/sqlite_dashboard.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Statement;

constexpr std::string_view kInterventionCursorPrefix = "i";

std::string interventionCursor(std::int64_t rowid) {
  return std::string(kInterventionCursorPrefix) + std::to_string(rowid);
}

std::optional<std::int64_t> parseInterventionCursor(std::string_view cursor) {
  if (!cursor.starts_with(kInterventionCursorPrefix)) return std::nullopt;
  cursor.remove_prefix(kInterventionCursorPrefix.size());
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (error != std::errc() || end != cursor.data() + cursor.size() || cursor.empty() || value < 0) {
    return std::nullopt;
  }
  return value;
}

InterventionRow readInterventionRow(const Statement& row) {
  InterventionRow out;
  out.intervention = Intervention{row.text(0), row.text(1), row.text(2), row.optText(3), row.text(4),
                                  row.integer(5), row.text(6), row.text(7)};
  out.device_name = row.optText(8);
  out.room = row.optText(9);
  out.site_name = row.optText(10);
  return out;
}

}  // namespace

Result<std::vector<DailyAlertCount>> SqliteStore::alertsOpenedByDay(const Scope& scope, const OptString& site_id,
                                                                    const std::string& since) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::vector<DailyAlertCount>> {
    if (site_id && !sqlite::siteInScope(*connection_, scope, *site_id)) return makeError("not_found");
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    if (site_id) conditions.add("a.site_id = ?", {*site_id});
    conditions.add("a.opened_at >= ?", {since});
    Statement query = connection_->prepare(
        "SELECT substr(a.opened_at, 1, 10), a.severity, COUNT(*) FROM alerts a JOIN sites s ON s.id = a.site_id" +
            conditions.where() + " GROUP BY 1, 2 ORDER BY 1, 2",
        "count alerts opened per day");
    query.bindAll(conditions.values());
    std::vector<DailyAlertCount> out;
    while (query.step()) out.push_back({query.text(0), query.text(1), query.integer(2)});
    return out;
  });
}

Result<InterventionPage> SqliteStore::listInterventions(const Scope& scope, const InterventionFilter& filter) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<InterventionPage> {
    if (filter.site_id && !sqlite::siteInScope(*connection_, scope, *filter.site_id)) return makeError("not_found");
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    if (filter.site_id) conditions.add("i.site_id = ?", {*filter.site_id});
    if (filter.from) conditions.add("i.at >= ?", {*filter.from});
    if (filter.to) conditions.add("i.at < ?", {*filter.to});
    if (filter.cursor) {
      const auto after = parseInterventionCursor(*filter.cursor);
      if (!after) return makeError("cursor: not a cursor of this list");
      conditions.add("i.rowid > ?", {*after});
    }
    const std::int64_t limit = std::clamp<std::int64_t>(filter.limit, 1, 1000);
    conditions.append(limit + 1);
    Statement query = connection_->prepare(
        "SELECT i.id, i.device_id, i.site_id, i.alert_id, i.what, i.minutes, i.by_actor, i.at, d.hostname, "
        "d.room, s.name, i.rowid FROM interventions i JOIN devices d ON d.id = i.device_id "
        "JOIN sites s ON s.id = i.site_id" +
            conditions.where() + " ORDER BY i.rowid LIMIT ?",
        "list interventions");
    query.bindAll(conditions.values());
    InterventionPage page;
    std::int64_t last_rowid = 0;
    while (query.step()) {
      if (static_cast<std::int64_t>(page.rows.size()) == limit) {
        page.next_cursor = interventionCursor(last_rowid);
        break;
      }
      page.rows.push_back(readInterventionRow(query));
      last_rowid = query.integer(11);
    }
    return page;
  });
}

}  // namespace parc::server
