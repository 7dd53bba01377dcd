#pragma once
// Enrollment with the server's CA pinned (agent/ca_pinning.h), then saved: the
// identity and the CA the agent will trust for every later request.
//
// https:// needs the CA fingerprint; the enrollment POST already verifies the
// server against the pinned CA (host name included), and the fingerprint the
// server announces in its answer must be the pinned one. http:// is used only when
// the URL says so; the agent never falls back from https:// to http:// by itself.

#include "agent/agent_config.h"
#include "agent/cli/runtime.h"
#include "shared/report.h"

namespace parc::agent {

Result<Identity> enrollPinned(const AgentConfig& config, Runtime& runtime, const Inventory& inventory);

}  // namespace parc::agent
