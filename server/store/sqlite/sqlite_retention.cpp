// Retention: each collectivity may keep its reports and component history for a
// number of months; older rows are pruned. A device's newest report is always kept
// (it is its current state), and so are open alerts and the audit log.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;

std::string cutoffFor(TimePoint now, std::int64_t months) {
  // A month as 30.44 days: retention is a privacy bound, not a calendar event.
  const auto age = std::chrono::seconds(static_cast<std::int64_t>(months * 30.44 * 86400));
  return formatRfc3339(now - age);
}

std::int64_t pruneReports(Connection& db, const std::string& collectivity_id, const std::string& cutoff) {
  db.prepare(
        "DELETE FROM reports WHERE received_at < ? AND agent_id IN ("
        "  SELECT a.id FROM agents a JOIN devices d ON d.id = a.device_id "
        "  JOIN sites s ON s.id = d.site_id WHERE s.collectivity_id = ?) "
        "AND EXISTS (SELECT 1 FROM reports newer WHERE newer.agent_id = reports.agent_id "
        "  AND (newer.enrollment > reports.enrollment OR "
        "       (newer.enrollment = reports.enrollment AND newer.seq > reports.seq)))",
        "prune reports")
      .bind(1, cutoff)
      .bind(2, collectivity_id)
      .run();
  return db.changes();
}

std::int64_t pruneChanges(Connection& db, const std::string& collectivity_id, const std::string& cutoff) {
  db.prepare(
        "DELETE FROM component_changes WHERE at < ? AND device_id IN ("
        "  SELECT d.id FROM devices d JOIN sites s ON s.id = d.site_id WHERE s.collectivity_id = ?)",
        "prune component history")
      .bind(1, cutoff)
      .bind(2, collectivity_id)
      .run();
  return db.changes();
}

}  // namespace

Status SqliteStore::setRetention(const std::string& collectivity_id, std::optional<std::int64_t> months) {
  if (months && *months < 1) return makeError("retention must be at least 1 month");
  std::lock_guard lock(mutex_);
  auto done = sqlite::guardResult([&]() -> Result<bool> {
    auto update = connection_->prepare("UPDATE collectivities SET retention_months = ? WHERE id = ?",
                                       "set retention");
    if (months) {
      update.bind(1, *months);
    } else {
      update.bindNull(1);
    }
    update.bind(2, collectivity_id).run();
    if (connection_->changes() == 0) return makeError("unknown collectivity " + collectivity_id);
    return true;
  });
  if (!done) return makeError(done.error());
  return {};
}

Result<PruneResult> SqliteStore::pruneHistory(TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<PruneResult> {
    PruneResult result;
    std::vector<std::pair<std::string, std::int64_t>> settings;
    auto query = connection_->prepare(
        "SELECT id, retention_months FROM collectivities WHERE retention_months IS NOT NULL",
        "read retention settings");
    while (query.step()) settings.emplace_back(query.text(0), query.integer(1));
    for (const auto& [collectivity_id, months] : settings) {
      sqlite::Transaction transaction(*connection_);
      const std::string cutoff = cutoffFor(now, months);
      result.reports += pruneReports(*connection_, collectivity_id, cutoff);
      result.component_changes += pruneChanges(*connection_, collectivity_id, cutoff);
      transaction.commit();
    }
    return result;
  });
}

}  // namespace parc::server
