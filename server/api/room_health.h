#pragma once
// The one word the room view gives each device (pure):
//   silent    a device_silent alert is open: what else it says may be stale
//   critical  an open critical alert
//   warning   an open warning alert
//   ok        nothing open, or only information

#include <string_view>

#include "server/store/store.h"

namespace parc::server {

inline std::string_view deviceHealth(const RoomDevice& device) {
  bool critical = false, warning = false;
  for (const OpenAlertRef& alert : device.open_alerts) {
    if (alert.rule_id == "device_silent") return "silent";
    critical = critical || alert.severity == "critical";
    warning = warning || alert.severity == "warning";
  }
  if (critical) return "critical";
  return warning ? "warning" : "ok";
}

}  // namespace parc::server
