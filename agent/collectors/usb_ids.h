#pragma once
// Interactive whiteboard, pen and touch controller USB ids, generated from
// tests/fixtures/usb/whiteboard-usb-ids.tsv by scripts/gen-usb-ids (usb_ids_table.cpp).

#include <optional>
#include <span>
#include <string_view>

namespace parc::agent::collectors {

struct UsbIdEntry {
  std::string_view vendor_id;   // four lowercase hex digits
  std::string_view product_id;  // empty: every product of the vendor
  std::string_view device_class;  // whiteboard, pen, touch, document-camera, other
  bool generic_bridge;  // a generic chip (USB-serial...) some boards use: says nothing alone
};

std::span<const UsbIdEntry> usbIdTable();

// The entry for vendor:product (an exact product before a whole-vendor row).
std::optional<UsbIdEntry> findUsbId(std::string_view vendor_id, std::string_view product_id);

}  // namespace parc::agent::collectors
