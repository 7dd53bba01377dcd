// SqliteStore::sweepAlerts: the silence rules over every site, in one
// transaction (server/alerts/silence_rules.h).

#include <map>

#include "server/alerts/rule_catalog.h"
#include "server/alerts/silence_rules.h"
#include "server/store/sqlite/sqlite_alert_rows.h"
#include "server/store/sqlite/sqlite_calendar.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

struct SiteRow {
  std::string id, collectivity_id, name;
  OptString zone;
};

std::vector<SiteRow> allSites(Connection& db) {
  Statement query = db.prepare("SELECT id, collectivity_id, name, zone FROM sites ORDER BY id", "sweep sites");
  std::vector<SiteRow> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.optText(3)});
  return out;
}

// Devices with an agent that is not revoked, and when each was last heard from.
std::vector<alerts::SilentCandidate> agentDevices(Connection& db, const std::string& site_id) {
  Statement query = db.prepare(
      "SELECT d.id, d.hostname, COALESCE(d.last_seen_at, d.enrolled_at, a.created_at) FROM devices d "
      "JOIN agents a ON a.device_id = d.id WHERE d.site_id = ? AND a.revoked_at IS NULL "
      "AND d.status = 'in_service'",
      "sweep devices");
  query.bind(1, site_id);
  std::vector<alerts::SilentCandidate> out;
  while (query.step()) {
    if (auto seen = parseRfc3339(query.text(2))) out.push_back({query.text(0), query.optText(1), *seen});
  }
  return out;
}

std::int64_t clearAfter(const std::string& rule_id, const alerts::Overrides& overrides) {
  return alerts::effectiveSettings(*alerts::findRule(rule_id), overrides).clearAfter();
}

std::vector<AlertEvent> sweepSite(Connection& db, const SiteRow& site, const alerts::Overrides& overrides,
                                  TimePoint now) {
  const auto devices = agentDevices(db, site.id);
  const alerts::SiteSilence silence = alerts::evaluateSilence(
      site.id, site.name, devices, sqlite::loadCalendar(db, site.id, site.zone), now, overrides);
  const std::string at = formatRfc3339(now);
  std::vector<AlertEvent> events;
  const auto keep = [&](std::vector<AlertEvent> more) {
    for (AlertEvent& e : more) events.push_back(std::move(e));
  };
  // The site alert: whichever device it hangs on.
  std::vector<alerts::Finding> site_findings;
  if (silence.site_offline) site_findings.push_back(*silence.site_offline);
  const auto active_site = sqlite::activeAlertsByKey(db, "site_offline", site.id);
  const auto plan = alerts::reconcile(active_site, std::move(site_findings), {"site_offline"},
                                      [&](const std::string& id) { return clearAfter(id, overrides); });
  const std::string holder = silence.site_offline ? silence.site_device
                             : devices.empty()    ? std::string()
                                                  : devices.front().device_id;
  if (!holder.empty() || !plan.empty()) {
    keep(sqlite::applyPlan(db, {holder, site.id, site.collectivity_id}, plan, at));
  }
  if (!silence.devices_evaluated) return events;
  std::map<std::string, std::vector<alerts::Finding>> by_device;
  for (const auto& [device_id, finding] : silence.devices) by_device[device_id].push_back(finding);
  for (const alerts::SilentCandidate& device : devices) {
    keep(sqlite::reconcileDevice(db, {device.device_id, site.id, site.collectivity_id},
                                 std::move(by_device[device.device_id]), {"device_silent"}, overrides, at));
  }
  return events;
}

}  // namespace

Result<std::vector<AlertEvent>> SqliteStore::sweepAlerts(TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::vector<AlertEvent>> {
    Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    std::map<std::string, alerts::Overrides> overrides;
    std::vector<AlertEvent> events;
    for (const SiteRow& site : allSites(db)) {
      if (!overrides.contains(site.collectivity_id)) {
        overrides[site.collectivity_id] = sqlite::loadOverrides(db, site.collectivity_id);
      }
      for (AlertEvent& e : sweepSite(db, site, overrides[site.collectivity_id], now)) events.push_back(std::move(e));
    }
    transaction.commit();
    return events;
  });
}

}  // namespace parc::server
