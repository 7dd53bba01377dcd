#include "agent/collectors/registry.h"

#include "agent/collectors/battery.h"
#include "agent/collectors/cpu.h"
#include "agent/collectors/displays.h"
#include "agent/collectors/memory.h"
#include "agent/collectors/network.h"
#include "agent/collectors/os.h"
#include "agent/collectors/smart.h"
#include "agent/collectors/software.h"
#include "agent/collectors/storage.h"
#include "agent/collectors/system.h"
#include "agent/collectors/thermal.h"
#include "agent/collectors/uptime.h"
#include "agent/collectors/usb.h"
#include "agent/pjlink/projector_collector.h"

namespace parc::agent {

Result<CollectorSettings> parseCollectorSettings(const std::vector<std::string>& projector_lines) {
  auto projectors = pjlink::parseProjectorTargets(projector_lines);
  if (!projectors) return makeError(projectors.error());
  return CollectorSettings{std::move(*projectors)};
}

std::vector<std::unique_ptr<Collector>> makeCollectors(const CollectorSettings& settings) {
  std::vector<std::unique_ptr<Collector>> list;
  list.push_back(std::make_unique<collectors::SystemCollector>());
  list.push_back(std::make_unique<collectors::CpuCollector>());
  list.push_back(std::make_unique<collectors::MemoryCollector>());
  list.push_back(std::make_unique<collectors::OsCollector>());
  list.push_back(std::make_unique<collectors::UptimeCollector>());
  list.push_back(std::make_unique<collectors::NetworkCollector>());
  list.push_back(std::make_unique<collectors::StorageCollector>());
  list.push_back(std::make_unique<collectors::BatteryCollector>());
  list.push_back(std::make_unique<collectors::ThermalCollector>());
  list.push_back(std::make_unique<collectors::SoftwareCollector>());
  list.push_back(std::make_unique<collectors::SmartCollector>(std::make_shared<exec::PosixCommandRunner>()));
  list.push_back(std::make_unique<collectors::UsbCollector>());
  list.push_back(std::make_unique<collectors::DisplaysCollector>());
  if (!settings.projectors.empty()) {
    list.push_back(std::make_unique<collectors::ProjectorCollector>(settings.projectors));
  }
  return list;
}

}  // namespace parc::agent
