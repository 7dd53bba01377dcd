#pragma once
// Interactive whiteboard, pen and touch controller USB ids, generated from
// tests/fixtures/usb/whiteboard-usb-ids.tsv by scripts/gen-usb-ids (usb_ids_table.cpp).
// Stored as one string of fixed-width records, so nothing is relocated at start-up.

#include <cstddef>
#include <optional>
#include <string_view>

namespace parc::agent::collectors {

struct UsbIdEntry {
  std::string_view vendor_id;     // four lowercase hex digits
  std::string_view product_id;    // empty: every product of the vendor
  std::string_view device_class;  // whiteboard, pen, touch, document-camera, other
  bool generic_bridge;  // a generic chip (USB-serial...) some boards use: says nothing alone
};

// One record: vendor (4 hex digits), product (4, or "****" for every product), the
// class letter (w whiteboard, p pen, t touch, d document-camera, o other) and g for a
// generic bridge or -.
inline constexpr std::size_t kUsbIdRecordSize = 10;

class UsbIdTable {
 public:
  explicit constexpr UsbIdTable(std::string_view records) : records_(records) {}
  std::size_t size() const { return records_.size() / kUsbIdRecordSize; }
  // nullopt for a record that is not well-formed (an unknown class letter).
  std::optional<UsbIdEntry> operator[](std::size_t i) const;

 private:
  std::string_view records_;
};

UsbIdTable usbIdTable();

// "w" -> "whiteboard"...; nullopt for a letter that names no class. Pure.
std::optional<std::string_view> usbClassName(char letter);

// The entry for vendor:product (an exact product before a whole-vendor row).
std::optional<UsbIdEntry> findUsbId(std::string_view vendor_id, std::string_view product_id);

}  // namespace parc::agent::collectors
