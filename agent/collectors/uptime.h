#pragma once
// uptime: /proc/uptime -> state.uptime_s.

#include <cstdint>
#include <optional>
#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// "5231.23 1234.56" -> 5231 (whole seconds of the first figure).
std::optional<std::int64_t> parseUptime(std::string_view text);

class UptimeCollector final : public Collector {
 public:
  std::string_view name() const override { return "uptime"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
