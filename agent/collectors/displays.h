#pragma once
// displays: /sys/class/drm/card*-<connector>/edid -> inventory.displays. Empty EDID
// files (nothing plugged) are skipped; a blob that does not decode is left out and
// named in the outcome.

#include <optional>
#include <string>
#include <string_view>

#include "agent/collectors/collector.h"
#include "agent/collectors/edid.h"

namespace parc::agent::collectors {

// "card0-HDMI-A-1" -> "HDMI-A-1"; nullopt for names that are not connectors ("card0",
// "renderD128", "version").
std::optional<std::string> drmConnectorName(std::string_view entry);

// The inventory entry for one decoded EDID seen on a connector.
Display toDisplay(const EdidInfo& edid, std::string_view connector);

class DisplaysCollector final : public Collector {
 public:
  std::string_view name() const override { return "displays"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
