#include "server/store/batch_ingest.h"

#include "server/store/sqlite/sqlite_projectors.h"
#include "shared/report_json.h"

namespace parc::server {

PreparedReport prepareReport(const Report& report) {
  PreparedReport prepared;
  prepared.state_json = encodeState(report.state);
  for (const ProjectorState& projector : report.state.projectors) {
    prepared.projector_states.push_back(sqlite::projectorStateJson(projector));
  }
  if (report.kind == ReportKind::kFull && report.inventory) {
    prepared.inventory_hash = inventoryHash(*report.inventory);
  }
  return prepared;
}

}  // namespace parc::server
