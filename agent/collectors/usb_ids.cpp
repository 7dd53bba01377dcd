#include "agent/collectors/usb_ids.h"

namespace parc::agent::collectors {

std::optional<UsbIdEntry> findUsbId(std::string_view vendor_id, std::string_view product_id) {
  std::optional<UsbIdEntry> vendor_wide;
  for (const auto& entry : usbIdTable()) {
    if (entry.vendor_id != vendor_id) continue;
    if (entry.product_id == product_id) return entry;
    if (entry.product_id.empty() && !vendor_wide) vendor_wide = entry;
  }
  return vendor_wide;
}

}  // namespace parc::agent::collectors
