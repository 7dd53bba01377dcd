// SqliteStore reads: device detail and report log (the list: sqlite_device_list.cpp).
// Every query joins the site and applies the caller's scope.
#include <algorithm>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_projectors.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Conditions;
using sqlite::Connection;
using sqlite::Statement;
using sqlite::kSummaryColumnCount;
using sqlite::kSummaryColumns;
using sqlite::readSummary;

// Devices in scope with this id (at most one).
Conditions deviceInScope(const Scope& scope, const std::string& device_id) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  conditions.add("d.id = ?", {device_id});
  return conditions;
}

OptString deviceFromScope(Connection& db, const Scope& scope, const std::string& device_id) {
  const Conditions conditions = deviceInScope(scope, device_id);
  Statement query = db.prepare(
      "SELECT d.id FROM devices d JOIN sites s ON s.id = d.site_id" + conditions.where(),
      "check device scope");
  query.bindAll(conditions.values());
  return query.step() ? OptString(query.text(0)) : std::nullopt;
}

void readLatestState(Connection& db, DeviceDetail& detail) {
  Statement query = db.prepare(
      "SELECT r.state_json, r.collected_at FROM reports r JOIN agents a ON a.id = r.agent_id "
      "WHERE a.device_id = ? ORDER BY r.enrollment DESC, r.seq DESC LIMIT 1",
      "read latest state");
  query.bind(1, detail.summary.id);
  if (!query.step()) {
    if (auto projector = sqlite::readProjectorState(db, detail.summary.id)) {  // no agent of its own
      detail.state_json = projector->first;
      detail.state_collected_at = projector->second;
    }
    return;
  }
  detail.state_json = query.text(0);
  detail.state_collected_at = query.text(1);
}

std::vector<ComponentChange> readHistory(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT component, change, \"key\", \"before\", \"after\", at FROM component_changes "
      "WHERE device_id = ? ORDER BY at DESC, id DESC",
      "read component history");
  query.bind(1, device_id);
  std::vector<ComponentChange> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.optText(3), query.optText(4),
                   query.text(5)});
  }
  return out;
}

}  // namespace

std::optional<DeviceDetail> SqliteStore::getDevice(const Scope& scope, const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<DeviceDetail> {
    const Conditions conditions = deviceInScope(scope, device_id);
    Statement query = connection_->prepare(
        std::string(kSummaryColumns) + ", i.inventory_json, d.inventory_hash "
            "FROM devices d JOIN sites s ON s.id = d.site_id "
            "LEFT JOIN device_inventories i ON i.device_id = d.id" + conditions.where(),
        "read device");
    query.bindAll(conditions.values());
    if (!query.step()) return std::nullopt;
    DeviceDetail detail;
    detail.summary = readSummary(query);
    detail.inventory_json = query.optText(kSummaryColumnCount);
    detail.inventory_hash = query.optText(kSummaryColumnCount + 1);
    readLatestState(*connection_, detail);
    detail.history = readHistory(*connection_, device_id);
    detail.kit = sqlite::readKit(*connection_, device_id);
    return detail;
  });
}

std::vector<std::pair<std::uint64_t, std::string>> SqliteStore::reportLog(const Scope& scope,
                                                                          const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    std::vector<std::pair<std::uint64_t, std::string>> out;
    if (!deviceFromScope(*connection_, scope, device_id)) return out;
    Statement query = connection_->prepare(
        "SELECT r.seq, r.kind FROM reports r JOIN agents a ON a.id = r.agent_id "
        "WHERE a.device_id = ? ORDER BY r.enrollment, r.seq",
        "read report log");
    query.bind(1, device_id);
    while (query.step()) out.emplace_back(static_cast<std::uint64_t>(query.integer(0)), query.text(1));
    return out;
  });
}

}  // namespace parc::server
