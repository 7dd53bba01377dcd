#include <iostream>

#include "agent/cli/commands.h"
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
  const EnrollmentRequest request{config.server, config.enroll_token, config.ca_fingerprint, kVersion};
  auto identity = enroll(*runtime->uploader, request, collected.snapshot.inventory,
                         formatRfc3339(systemNow()));
  if (!identity) {
    std::cerr << "parc-agent enroll: " << identity.error() << "\n";
    return kExitFailure;
  }
  if (auto saved = runtime->state.saveIdentity(*identity); !saved) {
    std::cerr << "parc-agent enroll: " << saved.error() << "\n";
    return kExitFailure;
  }
  std::cout << "enrolled: agent " << identity->agent_id << ", device " << identity->device_id
            << ", site \"" << identity->site_name << "\"\n";
  return kExitOk;
}

}  // namespace parc::agent
