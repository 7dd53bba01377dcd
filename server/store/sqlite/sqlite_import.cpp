// SqliteStore::importDevices: devices without an agent (boards, projectors,
// document cameras) or another tool's inventory, created or updated in one
// transaction. Matching makes a re-import of the same file change nothing.
//
// A matched device keeps what its agent reports: the import sets its site, room
// and status, and fills kind, manufacturer, model and host name only where the
// store has none.
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

struct StoredDevice {
  std::string id, site_id;
  OptString room, kind, status, manufacturer, model, hostname;
};

StoredDevice readStored(const Statement& row) {
  return StoredDevice{.id = row.text(0), .site_id = row.text(1), .room = row.optText(2),
                      .kind = row.optText(3), .status = row.optText(4),
                      .manufacturer = row.optText(5), .model = row.optText(6),
                      .hostname = row.optText(7)};
}

constexpr const char* kStoredColumns =
    "SELECT d.id, d.site_id, d.room, d.kind, d.status, d.manufacturer, d.model, d.hostname "
    "FROM devices d JOIN sites s ON s.id = d.site_id ";

std::optional<StoredDevice> findMatch(Connection& db, const std::string& collectivity_id,
                                      const ImportedDevice& device) {
  if (device.serial) {
    Statement query = db.prepare(std::string(kStoredColumns) +
                                     "WHERE s.collectivity_id = ? AND d.serial = ? ORDER BY d.id LIMIT 1",
                                 "match imported device by serial");
    query.bind(1, collectivity_id).bind(2, *device.serial);
    if (query.step()) return readStored(query);
    return std::nullopt;
  }
  Statement query = db.prepare(std::string(kStoredColumns) +
                                   "WHERE d.site_id = ? AND d.room IS ? AND d.kind = ? AND d.hostname IS ? "
                                   "AND d.serial IS NULL ORDER BY d.id LIMIT 1",
                               "match imported device by name");
  query.bind(1, device.site_id).bind(2, device.room).bind(3, device.kind).bind(4, device.hostname);
  if (query.step()) return readStored(query);
  return std::nullopt;
}

bool siteInCollectivity(Connection& db, const std::string& collectivity_id, const std::string& site_id) {
  Statement query = db.prepare("SELECT 1 FROM sites WHERE id = ? AND collectivity_id = ?",
                               "check import site");
  query.bind(1, site_id).bind(2, collectivity_id);
  return query.step();
}

void insertDevice(Connection& db, const ImportedDevice& device) {
  db.prepare("INSERT INTO devices (id, site_id, room, kind, status, hostname, manufacturer, model, serial, "
             "built_year, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), 'import')",
             "insert imported device")
      .bind(1, newId())
      .bind(2, device.site_id)
      .bind(3, device.room)
      .bind(4, device.kind)
      .bind(5, device.status)
      .bind(6, device.hostname)
      .bind(7, device.manufacturer)
      .bind(8, device.model)
      .bind(9, device.serial)
      .bind(10, device.built_year.value_or(0))  // 0: no year (NULLIF)
      .run();
}

// The stored value, or the imported one where the store has none.
OptString filled(const OptString& stored, const OptString& imported) { return stored ? stored : imported; }

// True when the device was changed.
bool updateImportedDevice(Connection& db, const StoredDevice& stored, const ImportedDevice& device) {
  StoredDevice next = stored;
  next.site_id = device.site_id;
  next.room = device.room;
  next.status = device.status;
  next.kind = filled(stored.kind, device.kind);
  next.manufacturer = filled(stored.manufacturer, device.manufacturer);
  next.model = filled(stored.model, device.model);
  next.hostname = filled(stored.hostname, device.hostname);
  if (next.site_id == stored.site_id && next.room == stored.room && next.status == stored.status &&
      next.kind == stored.kind && next.manufacturer == stored.manufacturer && next.model == stored.model &&
      next.hostname == stored.hostname) {
    return false;
  }
  db.prepare("UPDATE devices SET site_id = ?, room = ?, status = ?, kind = ?, manufacturer = ?, model = ?, "
             "hostname = ? WHERE id = ?",
             "update imported device")
      .bind(1, next.site_id)
      .bind(2, next.room)
      .bind(3, next.status.value_or("in_service"))
      .bind(4, next.kind)
      .bind(5, next.manufacturer)
      .bind(6, next.model)
      .bind(7, next.hostname)
      .bind(8, stored.id)
      .run();
  return true;
}

}  // namespace

Result<ImportOutcome> SqliteStore::importDevices(const std::string& collectivity_id,
                                                 const std::vector<ImportedDevice>& devices, bool dry_run,
                                                 TimePoint /*now*/) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<ImportOutcome> {
    sqlite::Transaction transaction(*connection_);  // rolled back unless committed: a dry run
    ImportOutcome outcome;
    for (const ImportedDevice& device : devices) {
      if (!siteInCollectivity(*connection_, collectivity_id, device.site_id)) {
        return makeError("line " + std::to_string(device.line) + ": site " + device.site_id +
                         " is not a site of collectivity " + collectivity_id);
      }
      if (auto stored = findMatch(*connection_, collectivity_id, device)) {
        (updateImportedDevice(*connection_, *stored, device) ? outcome.updated : outcome.unchanged) += 1;
      } else {
        insertDevice(*connection_, device);
        outcome.created += 1;
      }
    }
    if (!dry_run) transaction.commit();
    return outcome;
  });
}

}  // namespace parc::server
