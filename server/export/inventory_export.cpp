#include "server/export/inventory_export.h"

#include "server/export/inventory_columns.h"

namespace parc::server::exports {

Result<std::size_t> exportInventory(Store& store, const InventoryExport& request, Exporter& exporter) {
  if (auto status = exporter.begin(inventoryColumns()); !status) return makeError(status.error());
  DeviceFilter filter = request.filter;
  filter.limit = kExportPageSize;
  filter.cursor.reset();
  std::size_t written = 0;
  while (true) {
    auto page = store.listDeviceExport(request.scope, filter);
    if (!page) return makeError("export: " + page.error());
    for (const DeviceExportRow& device : page->rows) {
      if (auto status = exporter.row(inventoryRow(device, request.today)); !status) {
        return makeError(status.error());
      }
      ++written;
    }
    if (request.progress) request.progress(written);
    if (!page->next_cursor) break;
    filter.cursor = page->next_cursor;
  }
  if (auto status = exporter.finish(); !status) return makeError(status.error());
  return written;
}

Date dateOf(TimePoint now) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace parc::server::exports
