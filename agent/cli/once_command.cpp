#include <iostream>

#include "agent/cli/commands.h"
#include "agent/cli/runtime.h"
#include "agent/reporter.h"

namespace parc::agent {

// Collects one report, queues it, and sends everything queued. Exit 1 when the
// report could not be delivered now: it stays in the spool for the next attempt.
int onceCommand(const AgentConfig& config) {
  auto runtime = makeRuntime(config);
  if (!runtime) {
    std::cerr << "parc-agent once: " << runtime.error() << "\n";
    return kExitFailure;
  }
  auto identity = loadOrEnroll(config, *runtime);
  if (!identity) {
    std::cerr << "parc-agent once: " << identity.error() << "\n";
    return kExitFailure;
  }
  Reporter reporter(config, runtime->state, *runtime->spool, *runtime->net, runtime->collectors,
                    runtime->logger, systemNow);
  auto queued = reporter.collectAndQueue(*identity);
  if (!queued) {
    std::cerr << "parc-agent once: " << queued.error() << "\n";
    return kExitFailure;
  }
  const DrainResult result = reporter.deliver(*identity);
  const auto pending = runtime->spool->stats().count;
  if (result.stopped_reason != DrainStop::kDrained) {
    std::cerr << "parc-agent once: report " << queued->seq << " kept in the spool (" << pending
              << " pending): " << result.last_error << "\n";
    return kExitFailure;
  }
  std::cout << "sent " << result.sent << " report(s); last: " << toString(queued->kind) << " report "
            << queued->seq << "\n";
  return kExitOk;
}

}  // namespace parc::agent
