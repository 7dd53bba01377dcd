// SqliteStore park writes: a site's kind and address, devices added by hand, and
// changes to a device (status, room, site, kind, year of manufacture). A move
// keeps the device with its alerts and history, and records where it went.
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_ingest.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Conditions;
using sqlite::Connection;
using sqlite::Statement;

struct SiteRow {
  std::string id, collectivity_id, name;
};

std::optional<SiteRow> siteInScope(Connection& db, const Scope& scope, const std::string& site_id) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  conditions.add("s.id = ?", {site_id});
  Statement query = db.prepare("SELECT s.id, s.collectivity_id, s.name FROM sites s" + conditions.where(),
                               "find site in scope");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  return SiteRow{query.text(0), query.text(1), query.text(2)};
}

std::optional<DeviceSummary> deviceInScope(Connection& db, const Scope& scope, const std::string& device_id) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  conditions.add("d.id = ?", {device_id});
  Statement query = db.prepare(std::string(sqlite::kSummaryColumns) + sqlite::kDeviceFrom + conditions.where(),
                               "find device in scope");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  return sqlite::readSummary(query);
}

std::string locationLabel(const std::string& site_name, const OptString& room) {
  return room ? site_name + " / " + *room : site_name;
}

Statement& bindYear(Statement& statement, int index, const OptInt& year) {
  return year ? statement.bind(index, *year) : statement.bindNull(index);
}

// The device as the patch leaves it (summary fields only).
DeviceSummary patched(const DeviceSummary& before, const DevicePatch& patch, const SiteRow& site) {
  DeviceSummary after = before;
  after.site_id = site.id;
  after.site_name = site.name;
  if (patch.status) after.status = patch.status;
  if (patch.kind) after.kind = patch.kind;
  if (patch.clear_room) after.room.reset();
  if (patch.room) after.room = patch.room;
  if (patch.clear_built_year) after.built_year.reset();
  if (patch.built_year) after.built_year = patch.built_year;
  return after;
}

void writeDevice(Connection& db, const DeviceSummary& after) {
  Statement update = db.prepare(
      "UPDATE devices SET site_id = ?, room = ?, status = ?, kind = ?, built_year = ? WHERE id = ?",
      "update device");
  update.bind(1, after.site_id).bind(2, after.room).bind(3, after.status.value_or("in_service"));
  update.bind(4, after.kind);
  bindYear(update, 5, after.built_year).bind(6, after.id).run();
}

void recordChanges(Connection& db, const DeviceSummary& before, const DeviceSummary& after,
                   const std::string& at) {
  if (before.site_id != after.site_id) {
    // Open alerts follow the device; resolved ones stay where they happened.
    db.prepare("UPDATE alerts SET site_id = ? WHERE device_id = ? AND state <> 'resolved'", "move alerts")
        .bind(1, after.site_id)
        .bind(2, after.id)
        .run();
  }
  if (before.site_id != after.site_id || before.room != after.room) {
    sqlite::recordChange(db, after.id,
               {"location", "moved", "", locationLabel(before.site_name, before.room),
                locationLabel(after.site_name, after.room), at});
  }
  if (before.status != after.status) {
    sqlite::recordChange(db, after.id, {"status", "changed", "", before.status, after.status, at});
  }
}

}  // namespace

Status SqliteStore::setSiteProfile(const std::string& site_id, const OptString& kind, const OptString& address) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    connection_->prepare("UPDATE sites SET kind = COALESCE(?, kind), address = COALESCE(?, address) WHERE id = ?",
                         "set site profile")
        .bind(1, kind)
        .bind(2, address)
        .bind(3, site_id)
        .run();
    if (connection_->changes() == 0) return makeError("not_found");
    return Status{};
  });
}

Result<DeviceSummary> SqliteStore::createDevice(const Scope& scope, const NewDevice& device) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<DeviceSummary> {
    if (!siteInScope(*connection_, scope, device.site_id)) return makeError("not_found");
    const std::string id = newId();
    Statement insert = connection_->prepare(
        "INSERT INTO devices (id, site_id, room, kind, status, hostname, manufacturer, model, serial, "
        "built_year, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual')",
        "insert manual device");
    insert.bind(1, id).bind(2, device.site_id).bind(3, device.room).bind(4, device.kind).bind(5, device.status);
    insert.bind(6, device.hostname).bind(7, device.manufacturer).bind(8, device.model).bind(9, device.serial);
    bindYear(insert, 10, device.built_year).run();
    auto summary = sqlite::readSummaryById(*connection_, id);
    if (!summary) return makeError("device vanished after insert");
    return *summary;
  });
}

Result<DeviceSummary> SqliteStore::updateDevice(const Scope& scope, const std::string& device_id,
                                                const DevicePatch& patch, TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<DeviceSummary> {
    sqlite::Transaction transaction(*connection_);
    const auto before = deviceInScope(*connection_, scope, device_id);
    if (!before) return makeError("not_found");
    const auto site = siteInScope(*connection_, scope, patch.site_id.value_or(before->site_id));
    if (!site || site->collectivity_id != before->collectivity_id) return makeError("not_found: site");
    const DeviceSummary after = patched(*before, patch, *site);
    writeDevice(*connection_, after);
    recordChanges(*connection_, *before, after, formatRfc3339(now));
    auto summary = sqlite::readSummaryById(*connection_, device_id);
    transaction.commit();
    if (!summary) return makeError("not_found");
    return *summary;
  });
}

}  // namespace parc::server
