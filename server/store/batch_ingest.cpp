#include "server/store/batch_ingest.h"

#include "shared/report_json.h"

namespace parc::server {

PreparedReport prepareReport(const Report& report) {
  PreparedReport prepared;
  prepared.state_json = encodeState(report.state);
  if (report.kind == ReportKind::kFull && report.inventory) {
    prepared.inventory_hash = inventoryHash(*report.inventory);
  }
  return prepared;
}

}  // namespace parc::server
