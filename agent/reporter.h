#pragma once
// One reporting cycle of an enrolled agent: collect, queue durably, deliver.
// Shared by `parc-agent once` and `parc-agent run`.

#include <cstdint>
#include <memory>
#include <vector>

#include "agent/agent_config.h"
#include "agent/agent_state.h"
#include "agent/collectors/collector.h"
#include "agent/delivery/drain.h"
#include "agent/delivery/spool.h"
#include "agent/delivery/uploader.h"
#include "shared/logging.h"
#include "shared/time.h"

namespace parc::agent {

struct QueuedReport {
  std::uint64_t seq = 0;
  ReportKind kind = ReportKind::kState;
};

class Reporter {
 public:
  Reporter(const AgentConfig& config, const StateDir& state, Spool& spool, Uploader& uploader,
           const std::vector<std::unique_ptr<Collector>>& collectors, Logger logger, Clock clock);

  // Collects and writes the report to the spool; it is durable when this returns.
  // The sequence number is reserved on disk first, so it is never used twice.
  Result<QueuedReport> collectAndQueue(const Identity& identity);

  // Sends what the spool holds and records the outcome in progress.json.
  DrainResult deliver(const Identity& identity);

 private:
  const AgentConfig& config_;
  const StateDir& state_;
  Spool& spool_;
  Uploader& uploader_;
  const std::vector<std::unique_ptr<Collector>>& collectors_;
  Logger logger_;
  Clock clock_;
};

}  // namespace parc::agent
