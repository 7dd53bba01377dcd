#pragma once
// parc-agent's subcommands. Each returns the exit code: 0 success, 1 failure
// (one clear line on stderr), 2 usage error.

#include <string>
#include <vector>

#include "agent/agent_config.h"

namespace parc::agent {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int enrollCommand(const AgentConfig& config);
int onceCommand(const AgentConfig& config);
int runCommand(const AgentConfig& config);
int inventoryCommand(const AgentConfig& config);
int statusCommand(const AgentConfig& config);

}  // namespace parc::agent
