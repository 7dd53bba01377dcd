#include "agent/collectors/registry.h"

#include "agent/collectors/cpu.h"
#include "agent/collectors/memory.h"
#include "agent/collectors/network.h"
#include "agent/collectors/os.h"
#include "agent/collectors/storage.h"
#include "agent/collectors/system.h"
#include "agent/collectors/uptime.h"

namespace parc::agent {

std::vector<std::unique_ptr<Collector>> makeCollectors() {
  std::vector<std::unique_ptr<Collector>> list;
  list.push_back(std::make_unique<collectors::SystemCollector>());
  list.push_back(std::make_unique<collectors::CpuCollector>());
  list.push_back(std::make_unique<collectors::MemoryCollector>());
  list.push_back(std::make_unique<collectors::OsCollector>());
  list.push_back(std::make_unique<collectors::UptimeCollector>());
  list.push_back(std::make_unique<collectors::NetworkCollector>());
  list.push_back(std::make_unique<collectors::StorageCollector>());
  return list;
}

}  // namespace parc::agent
