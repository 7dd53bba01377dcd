#pragma once
// The activity exports: alerts (the filters of GET /api/v1/alerts) and
// interventions (site, date range), paged from the store through an Exporter like
// the inventory export, so memory does not grow with the history.

#include <cstdint>
#include <vector>

#include "server/export/cell.h"
#include "server/export/exporter.h"
#include "server/store/store.h"

namespace parc::server::exports {

inline constexpr std::int64_t kActivityPageSize = 1000;

const std::vector<Column>& alertColumns();
Row alertRow(const Alert& alert);
const std::vector<Column>& interventionColumns();
Row interventionRow(const InterventionRow& row);

// The rows written, or the first error (store, format or sink). The filters'
// limit and cursor are the exporter's own.
Result<std::size_t> exportAlerts(Store& store, const Scope& scope, AlertFilter filter, Exporter& exporter);
Result<std::size_t> exportInterventions(Store& store, const Scope& scope, InterventionFilter filter,
                                        Exporter& exporter);

}  // namespace parc::server::exports
