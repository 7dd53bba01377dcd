#pragma once
// Mount tables (/proc/self/mounts and /proc/self/mountinfo) and the choice of the
// mounts that are real file systems on disks.

#include <string>
#include <string_view>
#include <vector>

#include "shared/report.h"

namespace parc::agent::collectors {

struct MountEntry {
  std::string device, mount, type;
  std::string root = "/";  // the mounted subtree (mountinfo only): not "/" for bind mounts
};

// "/dev/sda1 / ext4 rw,relatime 0 0" lines; malformed lines are skipped.
std::vector<MountEntry> parseMounts(std::string_view text);
// "29 1 259:2 / / rw,relatime shared:1 - ext4 /dev/dm-2 rw" lines; malformed lines are skipped.
std::vector<MountEntry> parseMountinfo(std::string_view text);
// Undoes the kernel's octal escapes: "\040" -> ' ', "\011" -> '\t', "\134" -> '\\'.
std::string decodeMountEscapes(std::string_view text);
// ext4, xfs, btrfs, vfat, ntfs, fuseblk... true; proc, tmpfs, overlay, squashfs, and
// network file systems (statvfs can hang on them) false.
bool isDiskFilesystem(std::string_view type);
// The disk file systems, one per mount point (the last mount wins, as it hides the
// others); bind mounts of a subtree are left out (btrfs subvolumes are kept).
std::vector<Filesystem> selectFilesystems(const std::vector<MountEntry>& mounts);

}  // namespace parc::agent::collectors
