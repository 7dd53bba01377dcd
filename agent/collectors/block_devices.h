#pragma once
// Disks under /sys/block: model, serial, firmware, size, rotational, removable, transport.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/collectors/fs_root.h"
#include "shared/report.h"

namespace parc::agent::collectors {

// False for block devices that are not hardware: loop, ram, zram, dm-, sr (optical
// drives carry no fixed medium), fd, nbd. md arrays are kept.
bool isPhysicalBlockName(std::string_view name);
// nvme, virtio, xen, mmc, usb, sata or scsi, from the kernel name and the device's
// sysfs path (relative to the root); nullopt when neither tells.
std::optional<std::string> transportFor(std::string_view name, std::string_view device_path);

std::vector<Disk> collectDisks(const FsRoot& root);

}  // namespace parc::agent::collectors
