#include "agent/report_builder.h"

#include "shared/report_json.h"

namespace parc::agent {

Report buildReport(Snapshot snapshot, std::vector<CollectorRun> runs, const Progress& progress,
                   const ReportContext& context) {
  Report report;
  report.agent.id = context.agent_id;
  report.agent.version = context.agent_version;
  report.seq = context.seq;
  report.collected_at = formatRfc3339(context.collected_at);
  report.inventory_hash = inventoryHash(snapshot.inventory);
  const bool changed = *report.inventory_hash != progress.inventory_hash;
  report.kind = (changed || progress.send_full) ? ReportKind::kFull : ReportKind::kState;
  if (report.kind == ReportKind::kFull) report.inventory = std::move(snapshot.inventory);
  report.state = std::move(snapshot.state);
  report.collectors = std::move(runs);
  return report;
}

}  // namespace parc::agent
