#include <iostream>

#include "agent/cli/commands.h"
#include "agent/cli/pinned_enrollment.h"
#include "agent/cli/runtime.h"
#include "agent/collectors/runner.h"
#include "agent/enrollment.h"
#include "shared/time.h"
#include "shared/version.h"

namespace parc::agent {

// Enrolls now, even when an identity exists: re-enrolling the same machine gives
// the same device and a new secret (the old one stops working).
int enrollCommand(const AgentConfig& config) {
  if (config.server.empty() || config.enroll_token.empty()) {
    std::cerr << "parc-agent enroll: --server URL and --token TOKEN are required\n";
    return kExitUsage;
  }
  auto runtime = makeRuntime(config);
  if (!runtime) {
    std::cerr << "parc-agent enroll: " << runtime.error() << "\n";
    return kExitFailure;
  }
  auto collected = runCollectors(runtime->collectors, FsRoot(config.root), runtime->logger);
  auto identity = enrollPinned(config, *runtime, collected.snapshot.inventory);
  if (!identity) {
    std::cerr << "parc-agent enroll: " << identity.error() << "\n";
    return kExitFailure;
  }
  std::cout << "enrolled: agent " << identity->agent_id << ", device " << identity->device_id
            << ", site \"" << identity->site_name << "\"\n";
  return kExitOk;
}

}  // namespace parc::agent
