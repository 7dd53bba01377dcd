#include "server/store/sqlite/sqlite_device_rows.h"

namespace parc::server::sqlite {

DeviceSummary readSummary(const Statement& row) {
  DeviceSummary out{.id = row.text(0), .site_id = row.text(1), .site_name = row.text(2),
                    .collectivity_id = row.text(3), .room = row.optText(4), .kind = row.optText(5),
                    .status = row.optText(6), .hostname = row.optText(7), .manufacturer = row.optText(8),
                    .model = row.optText(9), .serial = row.optText(10), .os = row.optText(11),
                    .enrolled_at = row.optText(12), .last_seen_at = row.optText(13),
                    .last_seq = static_cast<std::uint64_t>(row.integer(14))};
  if (!row.isNull(15)) out.built_year = row.integer(15);
  out.source = row.text(16);
  out.open_alerts = row.integer(17);
  return out;
}

std::optional<DeviceSummary> readSummaryById(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(std::string(kSummaryColumns) + kDeviceFrom + " WHERE d.id = ?",
                               "read device summary");
  query.bind(1, device_id);
  if (!query.step()) return std::nullopt;
  return readSummary(query);
}

void storeDeviceInventory(Connection& db, const std::string& device_id, const std::string& inventory_json) {
  db.prepare("INSERT INTO device_inventories (device_id, inventory_json) VALUES (?, ?) "
             "ON CONFLICT (device_id) DO UPDATE SET inventory_json = excluded.inventory_json",
             "store device inventory")
      .bind(1, device_id)
      .bind(2, inventory_json)
      .run();
}

}  // namespace parc::server::sqlite
