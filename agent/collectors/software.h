#pragma once
// software: /var/lib/dpkg/status -> inventory.software (name, version, architecture)
// of the packages whose Status is "install ok installed".

#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// Pure. Stanzas are separated by blank lines; continuation lines (leading space or
// tab) and CRLF endings are accepted; a last line without its newline (a file cut
// while being read) is ignored. A stanza without Package, with another Status or
// with a name, version or architecture that is not clean text is skipped. Sorted by
// name, then architecture.
std::vector<Package> parseDpkgStatus(std::string_view text);

class SoftwareCollector final : public Collector {
 public:
  std::string_view name() const override { return "software"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
