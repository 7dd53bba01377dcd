#pragma once
// cpu: /proc/cpuinfo -> inventory.cpus, one entry per physical package.

#include <optional>
#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// x86: grouped by "physical id" (processors without one form a single entry);
// ARM (no vendor_id, a "CPU implementer"): one entry, vendor from the implementer
// code, model from the part number when known. mhz is the nominal frequency from
// the model name ("@ 1.90GHz") when it has one, else the first "cpu MHz" (the
// current, changing frequency).
std::vector<Cpu> parseCpuinfo(std::string_view text);
// "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz" -> 1900; nullopt without "@ <n>GHz|MHz".
std::optional<double> nominalMhz(std::string_view model);

// Where the model name gives no frequency (AMD, most ARM), the collector uses
// /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq, which does not change from one
// collection to the next as "cpu MHz" does.

class CpuCollector final : public Collector {
 public:
  std::string_view name() const override { return "cpu"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
