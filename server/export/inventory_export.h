#pragma once
// The inventory export: pages of the store (keyset, kPageSize devices at a time)
// through an Exporter, so memory does not grow with the park.

#include <cstdint>
#include <functional>

#include "server/export/exporter.h"
#include "server/store/store.h"

namespace parc::server::exports {

inline constexpr std::int64_t kExportPageSize = 1000;

struct InventoryExport {
  Scope scope;
  DeviceFilter filter;  // limit and cursor are the exporter's own
  Date today;
  // Called after each page with the rows written so far (progress on a terminal).
  std::function<void(std::size_t)> progress;
};

// The number of devices written, or the first error (store, format or sink).
Result<std::size_t> exportInventory(Store& store, const InventoryExport& request, Exporter& exporter);

// `now` as a Date (UTC).
Date dateOf(TimePoint now);

}  // namespace parc::server::exports
