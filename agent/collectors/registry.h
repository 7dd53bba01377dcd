#pragma once
// The collectors the agent runs, in the order it runs them.

#include <memory>
#include <string>
#include <vector>

#include "agent/collectors/collector.h"
#include "agent/pjlink/target.h"
#include "shared/result.h"

namespace parc::agent {

// What the collectors need from the configuration.
struct CollectorSettings {
  std::vector<pjlink::ProjectorTarget> projectors;
};

// From the configuration's `projector` lines; a bad line is an error naming it.
Result<CollectorSettings> parseCollectorSettings(const std::vector<std::string>& projector_lines);

// The projectors collector is in the list only when projectors are configured.
std::vector<std::unique_ptr<Collector>> makeCollectors(const CollectorSettings& settings = {});

}  // namespace parc::agent
