// SqliteStore: the rooms of a site with their device and open-alert counts, and
// the kit of one room (every device in it with its alerts not resolved).

#include "server/store/sqlite/sqlite_dashboard.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

// The summary every device read selects (sqlite_device_rows.h), and whether the
// device has an agent of its own.
std::string roomDeviceSelect() {
  return std::string(sqlite::kSummaryColumns) + ", EXISTS (SELECT 1 FROM agents g WHERE g.device_id = d.id)" +
         sqlite::kDeviceFrom + " ";
}

RoomDevice readRoomDevice(const Statement& row) {
  RoomDevice out;
  out.summary = sqlite::readSummary(row);
  out.has_agent = row.integer(sqlite::kSummaryColumnCount) != 0;
  return out;
}

std::vector<OpenAlertRef> openAlertsOf(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT id, rule_id, severity, summary FROM alerts WHERE device_id = ? AND state <> 'resolved' "
      "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, opened_at, id",
      "read open alerts of device");
  query.bind(1, device_id);
  std::vector<OpenAlertRef> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
  return out;
}

}  // namespace

Result<RoomList> SqliteStore::listRooms(const Scope& scope, const std::string& site_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<RoomList> {
    auto site = sqlite::siteInScope(*connection_, scope, site_id);
    if (!site) return makeError("not_found");
    RoomList out{*site, {}};
    Statement query = connection_->prepare(
        "SELECT d.room, COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM alerts a "
        "WHERE a.device_id = d.id AND a.state <> 'resolved')), 0) "
        "FROM devices d WHERE d.site_id = ? GROUP BY d.room ORDER BY d.room IS NULL, d.room",
        "list rooms");
    query.bind(1, site_id);
    while (query.step()) out.rooms.push_back({query.optText(0), query.integer(1), query.integer(2)});
    return out;
  });
}

Result<RoomView> SqliteStore::roomView(const Scope& scope, const std::string& site_id, const OptString& room) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<RoomView> {
    auto site = sqlite::siteInScope(*connection_, scope, site_id);
    if (!site) return makeError("not_found");
    RoomView out{*site, room, {}};
    const std::string where = room ? "WHERE d.site_id = ? AND d.room = ? " : "WHERE d.site_id = ? AND d.room IS NULL ";
    Statement query = connection_->prepare(roomDeviceSelect() + where +
                                               "ORDER BY d.hostname IS NULL, d.hostname, d.id",
                                           "read room devices");
    query.bind(1, site_id);
    if (room) query.bind(2, *room);
    while (query.step()) out.devices.push_back(readRoomDevice(query));
    for (RoomDevice& device : out.devices) {
      device.open_alerts = openAlertsOf(*connection_, device.summary.id);
      device.summary.open_alerts = static_cast<std::int64_t>(device.open_alerts.size());
    }
    return out;
  });
}

}  // namespace parc::server
