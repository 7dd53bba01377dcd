#pragma once
// The columns of the inventory export and how a device fills them. The same for
// every format; the API's JSON names (id, site_id, hostname, ...) where they exist.

#include <vector>

#include "server/export/cell.h"
#include "server/store/store.h"

namespace parc::server::exports {

const std::vector<Column>& inventoryColumns();

// `today` dates the BIOS age (whole years since the BIOS date).
Row inventoryRow(const DeviceExportRow& device, const Date& today);

}  // namespace parc::server::exports
