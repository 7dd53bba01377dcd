#pragma once
// os: /etc/os-release (or /usr/lib/os-release), kernel release, host name,
// architecture (uname, live system only) and time zone -> inventory.os.

#include <optional>
#include <string>
#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// name (PRETTY_NAME, else NAME and VERSION), id, version_id; shell-style quoting
// and escapes are undone as os-release(5) describes. Other fields stay empty.
OsInfo parseOsRelease(std::string_view text);
// "/usr/share/zoneinfo/Europe/Paris", "../usr/share/zoneinfo/posix/Europe/Paris"
// -> "Europe/Paris"; nullopt when the target is not under a zoneinfo directory.
std::optional<std::string> timezoneFromLink(std::string_view target);
// First line that is not a comment, if it is a plausible host name.
std::optional<std::string> parseHostname(std::string_view text);

class OsCollector final : public Collector {
 public:
  std::string_view name() const override { return "os"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
