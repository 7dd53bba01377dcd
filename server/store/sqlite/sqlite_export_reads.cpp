// SqliteStore::listDeviceExport: a page of listDevices (same filters, scope and
// cursor, so the export is exactly the list) joined with a few figures read from
// each device's inventory JSON by SQLite itself.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Statement;

// One statement for any page: the ids arrive as one JSON array parameter.
constexpr const char* kFiguresQuery =
    "SELECT i.device_id, json_extract(i.inventory_json, '$.cpus[0].model'), "
    "(SELECT SUM(json_extract(c.value, '$.threads')) FROM json_each(i.inventory_json, '$.cpus') c), "
    "json_extract(i.inventory_json, '$.memory.total_bytes'), "
    "(SELECT SUM(json_extract(k.value, '$.size_bytes')) FROM json_each(i.inventory_json, '$.disks') k "
    " WHERE COALESCE(json_extract(k.value, '$.removable'), 0) = 0), "
    "json_extract(i.inventory_json, '$.system.bios.date') "
    "FROM device_inventories i WHERE i.device_id IN (SELECT value FROM json_each(?))";

OptInt optInteger(const Statement& row, int column) {
  if (row.isNull(column)) return std::nullopt;
  return row.integer(column);
}

struct Figures {
  OptString cpu, bios_date;
  OptInt cpu_threads, memory_bytes, disk_bytes;
};

}  // namespace

Result<DeviceExportPage> SqliteStore::listDeviceExport(const Scope& scope, const DeviceFilter& filter) {
  DeviceFilter page_filter = filter;
  page_filter.count_total = false;  // an export never shows it
  auto page = listDevices(scope, page_filter);
  if (!page) return makeError(page.error());
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& device : page->devices) ids.push_back(device.id);

  std::unordered_map<std::string, Figures> figures;
  {
    std::lock_guard lock(mutex_);
    auto read = sqlite::guardResult([&]() -> Result<bool> {
      Statement query = connection_->prepare(kFiguresQuery, "read export figures");
      query.bind(1, ids.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      while (query.step()) {
        figures[query.text(0)] = Figures{.cpu = query.optText(1), .bios_date = query.optText(5),
                                         .cpu_threads = optInteger(query, 2),
                                         .memory_bytes = optInteger(query, 3),
                                         .disk_bytes = optInteger(query, 4)};
      }
      return true;
    });
    if (!read) return makeError(read.error());
  }

  DeviceExportPage out;
  out.next_cursor = page->next_cursor;
  out.rows.reserve(page->devices.size());
  for (auto& device : page->devices) {
    DeviceExportRow row{.summary = std::move(device)};
    if (const auto it = figures.find(row.summary.id); it != figures.end()) {
      row.cpu = it->second.cpu;
      row.cpu_threads = it->second.cpu_threads;
      row.memory_bytes = it->second.memory_bytes;
      row.disk_bytes = it->second.disk_bytes;
      row.bios_date = it->second.bios_date;
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace parc::server
