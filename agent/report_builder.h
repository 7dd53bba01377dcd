#pragma once
// Turns a collected snapshot into the report to queue: a full inventory when the
// inventory changed since the last one queued (or the server asked for one), a
// small state report otherwise.

#include <cstdint>
#include <string>
#include <vector>

#include "agent/agent_state.h"
#include "agent/collectors/collector.h"
#include "shared/report.h"
#include "shared/time.h"

namespace parc::agent {

struct ReportContext {
  std::string agent_id;
  std::string agent_version;
  std::uint64_t seq = 0;
  TimePoint collected_at;
};

Report buildReport(Snapshot snapshot, std::vector<CollectorRun> runs, const Progress& progress,
                   const ReportContext& context);

}  // namespace parc::agent
