#include "server/import/import_runner.h"

namespace parc::server::imports {

Result<ImportReport> runImport(Store& store, const std::string& collectivity_id, std::string_view text,
                               bool dry_run, TimePoint now) {
  const Scope scope = Scope::collectivity(collectivity_id);
  if (store.listCollectivities(scope).empty()) return makeError("unknown collectivity " + collectivity_id);
  ImportReport report;
  report.dry_run = dry_run;
  report.plan = planImport(text, store.listSites(scope));
  const bool apply = !dry_run && report.plan.rejections.empty();
  auto outcome = store.importDevices(collectivity_id, report.plan.devices, !apply, now);
  if (!outcome) return makeError(outcome.error());
  report.outcome = *outcome;
  report.applied = apply;
  return report;
}

}  // namespace parc::server::imports
