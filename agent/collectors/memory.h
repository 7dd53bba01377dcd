#pragma once
// memory: /proc/meminfo -> inventory.memory.total_bytes, swap_bytes.
// (Memory modules come from SMBIOS, in another collector.)

#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// MemTotal and SwapTotal, converted from kB; a line that does not parse, or whose
// value overflows, leaves its field empty.
Memory parseMeminfo(std::string_view text);

class MemoryCollector final : public Collector {
 public:
  std::string_view name() const override { return "memory"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
