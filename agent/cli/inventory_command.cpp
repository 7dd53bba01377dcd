#include <iostream>

#include "agent/agent_state.h"
#include "agent/cli/commands.h"
#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "agent/report_builder.h"
#include "shared/report_json.h"
#include "shared/version.h"

namespace parc::agent {

// Prints the full report this machine would send. Reads the state directory if it
// can (for the agent id), writes nothing, sends nothing.
int inventoryCommand(const AgentConfig& config) {
  auto logger = makeLogger("agent", LogOptions{config.log_level});
  const StateDir state(config.state_dir);
  std::string agent_id = "unenrolled";
  if (auto identity = state.loadIdentity(); identity && *identity) agent_id = (*identity)->agent_id;

  const auto settings = parseCollectorSettings(config.projectors);
  if (!settings) {
    std::cerr << "parc-agent: " << settings.error() << "\n";
    return kExitFailure;
  }
  const auto collectors = makeCollectors(*settings);
  auto collected = runCollectors(collectors, FsRoot(config.root), logger);
  Progress fresh;  // no previous inventory: always a full report
  const ReportContext context{agent_id, kVersion, 1, systemNow()};
  const Report report = buildReport(std::move(collected.snapshot), std::move(collected.runs), fresh,
                                    context);
  std::cout << encodeReport(report) << "\n";
  return kExitOk;
}

}  // namespace parc::agent
