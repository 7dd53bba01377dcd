#pragma once
// A device summary as every device read selects it: the columns, the FROM clause
// that joins its site, and the row reader.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// open_alerts: a per-row count through alerts_device (device_id, state).
inline constexpr const char* kSummaryColumns =
    "SELECT d.id, d.site_id, s.name, s.collectivity_id, d.room, d.kind, d.status, d.hostname, "
    "d.manufacturer, d.model, d.serial, d.os, d.enrolled_at, d.last_seen_at, d.last_seq, "
    "d.built_year, d.source, "
    "(SELECT COUNT(*) FROM alerts al WHERE al.device_id = d.id AND al.state <> 'resolved')";
inline constexpr int kSummaryColumnCount = 18;
inline constexpr const char* kDeviceFrom = " FROM devices d JOIN sites s ON s.id = d.site_id";

DeviceSummary readSummary(const Statement& row);

// The summary of one device, whatever the scope (after a write that checked it).
std::optional<DeviceSummary> readSummaryById(Connection& db, const std::string& device_id);

// Stores (or replaces) a device's inventory JSON (table device_inventories).
void storeDeviceInventory(Connection& db, const std::string& device_id, const std::string& inventory_json);

}  // namespace parc::server::sqlite
