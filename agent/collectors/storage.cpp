#include "agent/collectors/storage.h"

#include <sys/statvfs.h>

#include "agent/collectors/block_devices.h"
#include "agent/collectors/mounts.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

struct MountTable {
  std::string_view path;
  bool mountinfo;
};

constexpr MountTable kMountTables[] = {
    {"/proc/self/mounts", false}, {"/proc/mounts", false}, {"/proc/self/mountinfo", true}};

// The first mount table found, parsed; nullopt when there is none.
std::optional<std::vector<MountEntry>> readMounts(const FsRoot& root) {
  for (const auto& table : kMountTables) {
    const auto text = root.readFile(table.path);
    if (!text) continue;
    return table.mountinfo ? parseMountinfo(*text) : parseMounts(*text);
  }
  return std::nullopt;
}

void measure(std::vector<Filesystem>& filesystems, const SpaceSource& space, State& state) {
  for (auto& fs : filesystems) {
    const auto usage = space(fs.mount);
    if (!usage) continue;
    fs.size_bytes = usage->size_bytes;
    fs.free_bytes = usage->free_bytes;
    FilesystemState fs_state;
    fs_state.mount = fs.mount;
    fs_state.size_bytes = usage->size_bytes;
    fs_state.free_bytes = usage->free_bytes;
    state.filesystems.push_back(std::move(fs_state));
  }
}

}  // namespace

std::optional<SpaceUsage> statvfsUsage(const std::string& mount) {
  struct statvfs info {};
  if (::statvfs(mount.c_str(), &info) != 0) return std::nullopt;
  const auto fragment = static_cast<std::int64_t>(info.f_frsize ? info.f_frsize : info.f_bsize);
  const auto size = multiplyChecked(static_cast<std::int64_t>(info.f_blocks), fragment);
  const auto free = multiplyChecked(static_cast<std::int64_t>(info.f_bavail), fragment);
  if (!size || !free || *size <= 0) return std::nullopt;
  return SpaceUsage{*size, *free};
}

CollectOutcome StorageCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  auto disks = collectDisks(root);
  const auto mounts = readMounts(root);
  auto filesystems = mounts ? selectFilesystems(*mounts) : std::vector<Filesystem>{};
  SpaceSource space = space_;
  if (!space && root.isLiveSystem()) space = statvfsUsage;
  if (space) measure(filesystems, space, snapshot.state);
  if (disks.empty() && filesystems.empty()) {
    return CollectOutcome::noData(mounts ? "no disk in /sys/block and no disk file system mounted"
                                         : "no disk in /sys/block and no mount table in /proc");
  }
  snapshot.inventory.disks = std::move(disks);
  snapshot.inventory.filesystems = std::move(filesystems);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
