#include "agent/collectors/block_devices.h"

#include <array>
#include <filesystem>
#include <system_error>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kBlockDir = "/sys/block";
constexpr std::int64_t kSectorBytes = 512;  // /sys/block/*/size counts 512-byte sectors, always

constexpr auto kVirtualPrefixes =
    std::to_array<std::string_view>({"loop", "ram", "zram", "dm-", "sr", "fd", "nbd"});

std::optional<std::string> cleanValue(const FsRoot& root, const std::string& path) {
  const auto text = root.readAttribute(path);
  if (!text) return std::nullopt;
  const auto value = trim(*text);
  if (value.empty() || !isCleanText(value)) return std::nullopt;
  return std::string(value);
}

std::optional<bool> readFlag(const FsRoot& root, const std::string& path) {
  const auto value = root.readInteger(path);
  if (!value || (*value != 0 && *value != 1)) return std::nullopt;
  return *value == 1;
}

// The device's sysfs path with symlinks followed, relative to the root ("sys/devices/...").
std::string devicePath(const FsRoot& root, std::string_view name) {
  std::error_code error;
  const auto real = std::filesystem::canonical(root.resolve(std::string(kBlockDir) + "/" + std::string(name)), error);
  if (error) return {};
  const auto base = std::filesystem::canonical(root.root(), error);
  if (error) return {};
  return "/" + real.lexically_relative(base).generic_string();
}

std::optional<std::string> readSerial(const FsRoot& root, const std::string& dir) {
  for (const char* file : {"/device/serial", "/device/wwid", "/wwid"}) {
    if (auto serial = cleanValue(root, dir + file)) return serial;
  }
  return std::nullopt;
}

Disk describeDisk(const FsRoot& root, const std::string& name) {
  const std::string dir = std::string(kBlockDir) + "/" + name;
  Disk disk;
  disk.name = name;
  disk.model = cleanValue(root, dir + "/device/model");
  disk.vendor = cleanValue(root, dir + "/device/vendor");
  // "ATA" names the SCSI-to-ATA layer and "0x1af4" (virtio) a PCI id, not a maker.
  if (disk.vendor && (*disk.vendor == "ATA" || startsWith(*disk.vendor, "0x"))) disk.vendor.reset();
  disk.serial = readSerial(root, dir);
  disk.firmware = cleanValue(root, dir + "/device/rev");
  if (!disk.firmware) disk.firmware = cleanValue(root, dir + "/device/firmware_rev");
  if (const auto sectors = root.readInteger(dir + "/size")) disk.size_bytes = multiplyChecked(*sectors, kSectorBytes);
  disk.rotational = readFlag(root, dir + "/queue/rotational");
  disk.removable = readFlag(root, dir + "/removable");
  disk.transport = transportFor(name, devicePath(root, name));
  return disk;
}

}  // namespace

bool isPhysicalBlockName(std::string_view name) {
  if (name.empty() || !isCleanText(name)) return false;
  for (const auto prefix : kVirtualPrefixes) {
    if (startsWith(name, prefix)) return false;
  }
  return true;
}

std::optional<std::string> transportFor(std::string_view name, std::string_view device_path) {
  if (startsWith(name, "nvme")) return "nvme";
  if (startsWith(name, "vd")) return "virtio";
  if (startsWith(name, "xvd")) return "xen";
  if (startsWith(name, "mmcblk")) return "mmc";
  if (device_path.find("/usb") != std::string_view::npos) return "usb";
  if (device_path.find("/ata") != std::string_view::npos) return "sata";
  if (device_path.find("/host") != std::string_view::npos &&
      device_path.find("/target") != std::string_view::npos) {
    return "scsi";
  }
  return std::nullopt;
}

std::vector<Disk> collectDisks(const FsRoot& root) {
  std::vector<Disk> disks;
  for (const auto& name : root.list(kBlockDir)) {
    if (!isPhysicalBlockName(name)) continue;
    Disk disk = describeDisk(root, name);
    if (disk.size_bytes && *disk.size_bytes == 0) continue;  // a card reader or drive without a medium
    disks.push_back(std::move(disk));
  }
  return disks;
}

}  // namespace parc::agent::collectors
