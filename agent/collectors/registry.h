#pragma once
// The collectors the agent runs, in the order it runs them.

#include <memory>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent {

std::vector<std::unique_ptr<Collector>> makeCollectors();

}  // namespace parc::agent
