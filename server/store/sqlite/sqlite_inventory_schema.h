#pragma once
// Migration 12: a device's inventory JSON moves to a table of its own.
//
// Every report rewrites its device's row (last_seen_at, last_seq; a projector's
// last_seen_at too). With the inventory (8 KB and more) inline, SQLite rebuilt and
// compared a record of that size for each of those updates, and every scan of
// devices (lists, facets, overview, exports) walked its overflow pages to reach the
// columns stored after it. The inventory is written only when it changes and read
// only for one device's page and the inventory export's figures.

#include <string_view>

namespace parc::server::sqlite {

inline constexpr std::string_view kInventorySchema = R"sql(
CREATE TABLE device_inventories (
  device_id TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  inventory_json TEXT NOT NULL
);
INSERT INTO device_inventories (device_id, inventory_json)
  SELECT id, inventory_json FROM devices WHERE inventory_json IS NOT NULL;
ALTER TABLE devices DROP COLUMN inventory_json;
)sql";

}  // namespace parc::server::sqlite
