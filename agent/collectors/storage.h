#pragma once
// storage: /sys/block/* -> inventory.disks; mounted disk file systems
// (/proc/self/mounts, /proc/mounts or /proc/self/mountinfo) -> inventory.filesystems,
// with their size and free space (statvfs, live system only) also in state.filesystems.
// SMART health is another collector's job.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

struct SpaceUsage {
  std::int64_t size_bytes = 0;
  std::int64_t free_bytes = 0;  // available to unprivileged users, as df shows it
};
using SpaceSource = std::function<std::optional<SpaceUsage>(const std::string& mount)>;

// statvfs() of a mount point; nullopt when it fails or the figures overflow.
std::optional<SpaceUsage> statvfsUsage(const std::string& mount);

class StorageCollector final : public Collector {
 public:
  // Without a source, space is measured with statvfsUsage() when the root is live,
  // and left out on a captured tree.
  explicit StorageCollector(SpaceSource space = {}) : space_(std::move(space)) {}
  std::string_view name() const override { return "storage"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;

 private:
  SpaceSource space_;
};

}  // namespace parc::agent::collectors
