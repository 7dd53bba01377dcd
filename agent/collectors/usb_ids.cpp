#include "agent/collectors/usb_ids.h"

namespace parc::agent::collectors {

std::optional<std::string_view> usbClassName(char letter) {
  switch (letter) {
    case 'w':
      return "whiteboard";
    case 'p':
      return "pen";
    case 't':
      return "touch";
    case 'd':
      return "document-camera";
    case 'o':
      return "other";
    default:
      return std::nullopt;
  }
}

std::optional<UsbIdEntry> UsbIdTable::operator[](std::size_t i) const {
  const std::string_view record = records_.substr(i * kUsbIdRecordSize, kUsbIdRecordSize);
  if (record.size() != kUsbIdRecordSize) return std::nullopt;
  const auto device_class = usbClassName(record[8]);
  if (!device_class) return std::nullopt;
  const std::string_view product = record.substr(4, 4);
  return UsbIdEntry{record.substr(0, 4), product == "****" ? std::string_view() : product,
                    *device_class, record[9] == 'g'};
}

std::optional<UsbIdEntry> findUsbId(std::string_view vendor_id, std::string_view product_id) {
  const UsbIdTable table = usbIdTable();
  std::optional<UsbIdEntry> vendor_wide;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto entry = table[i];
    if (!entry || entry->vendor_id != vendor_id) continue;
    if (entry->product_id == product_id) return entry;
    if (entry->product_id.empty() && !vendor_wide) vendor_wide = entry;
  }
  return vendor_wide;
}

}  // namespace parc::agent::collectors
