#pragma once
// Runs every collector on one root: times each one, turns its outcome (or an
// exception it let out) into a CollectorRun, and never lets one failure stop the others.

#include <memory>
#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"
#include "shared/logging.h"

namespace parc::agent {

struct CollectionResult {
  Snapshot snapshot;
  std::vector<CollectorRun> runs;  // one per collector, in order
};

// "ok", "no_data" or "error".
std::string_view toString(CollectStatus status);

// logger may be null. "no data" is logged at debug, errors at error, timings at debug.
CollectionResult runCollectors(const std::vector<std::unique_ptr<Collector>>& collectors,
                               const FsRoot& root, const Logger& logger = nullptr);

}  // namespace parc::agent
