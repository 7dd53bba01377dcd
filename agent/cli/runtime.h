#pragma once
// What every networked command sets up: logger, state directory, the uploader (the
// network module, loaded only when something is sent), the spool and the collectors.
// Built by the command, passed down.

#include <memory>
#include <vector>

#include "agent/agent_config.h"
#include "agent/agent_state.h"
#include "agent/collectors/collector.h"
#include "agent/delivery/spool.h"
#include "agent/net/on_demand_net.h"
#include "shared/logging.h"

namespace parc::agent {

struct Runtime {
  Logger logger;
  StateDir state;
  std::unique_ptr<OnDemandNet> net;
  std::unique_ptr<Spool> spool;
  std::vector<std::unique_ptr<Collector>> collectors;
};

Result<Runtime> makeRuntime(const AgentConfig& config);

// The identity in the state directory; when there is none and the configuration
// has an enrollment token, enrolls first (the first start of a silent install).
Result<Identity> loadOrEnroll(const AgentConfig& config, Runtime& runtime);

}  // namespace parc::agent
