#include "agent/collectors/mounts.h"

#include <algorithm>
#include <array>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr auto kDiskFilesystems = std::to_array<std::string_view>({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "msdos", "exfat", "ntfs", "ntfs3",
    "fuseblk", "f2fs", "jfs", "reiserfs", "hfs", "hfsplus", "zfs", "bcachefs", "nilfs2",
});

bool isOctalDigit(char c) { return c >= '0' && c <= '7'; }

std::optional<MountEntry> makeEntry(std::string_view device, std::string_view mount,
                                    std::string_view type, std::string_view root) {
  MountEntry entry{decodeMountEscapes(device), decodeMountEscapes(mount), std::string(type),
                   decodeMountEscapes(root)};
  if (entry.mount.empty() || entry.mount.front() != '/' || entry.type.empty()) return std::nullopt;
  // A mount point may hold any byte but '\0' ("\011" is a tab); keep it when it is UTF-8.
  if (!isValidUtf8(entry.mount) || !isValidUtf8(entry.device) || !isCleanText(entry.type)) {
    return std::nullopt;
  }
  return entry;
}

}  // namespace

std::string decodeMountEscapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && isOctalDigit(text[i + 1]) &&
        isOctalDigit(text[i + 2]) && isOctalDigit(text[i + 3])) {
      const int code = (text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0');
      if (code > 0 && code < 256) {
        out += static_cast<char>(code);
        i += 3;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<MountEntry> parseMounts(std::string_view text) {
  std::vector<MountEntry> entries;
  for (const auto line : splitLines(text)) {
    const auto fields = splitFields(line);
    if (fields.size() < 4) continue;
    if (auto entry = makeEntry(fields[0], fields[1], fields[2], "/")) entries.push_back(std::move(*entry));
  }
  return entries;
}

std::vector<MountEntry> parseMountinfo(std::string_view text) {
  std::vector<MountEntry> entries;
  for (const auto line : splitLines(text)) {
    const auto fields = splitFields(line);
    const auto separator = std::find(fields.begin(), fields.end(), "-");
    // id parent major:minor root mount options [optional...] - type source super-options
    if (separator == fields.end() || separator - fields.begin() < 6 || fields.end() - separator < 3) {
      continue;
    }
    if (auto entry = makeEntry(*(separator + 2), fields[4], *(separator + 1), fields[3])) {
      entries.push_back(std::move(*entry));
    }
  }
  return entries;
}

bool isDiskFilesystem(std::string_view type) {
  return std::find(kDiskFilesystems.begin(), kDiskFilesystems.end(), type) != kDiskFilesystems.end();
}

std::vector<Filesystem> selectFilesystems(const std::vector<MountEntry>& mounts) {
  std::vector<Filesystem> selected;
  for (const auto& entry : mounts) {
    if (!isDiskFilesystem(entry.type)) continue;
    // A root other than "/" is a bind mount of a subtree, except on btrfs where it
    // names the subvolume ("/@", "/@home").
    if (entry.root != "/" && entry.type != "btrfs") continue;
    const auto same_mount = [&](const Filesystem& fs) { return fs.mount == entry.mount; };
    selected.erase(std::remove_if(selected.begin(), selected.end(), same_mount), selected.end());
    Filesystem fs;
    fs.mount = entry.mount;
    fs.device = entry.device;
    fs.type = entry.type;
    selected.push_back(std::move(fs));
  }
  return selected;
}

}  // namespace parc::agent::collectors
