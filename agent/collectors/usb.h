#pragma once
// usb: /sys/bus/usb/devices/* -> inventory.usb, classified; whiteboard, pen and touch
// controllers also go to state.peripherals so the server notices one disappearing.
// Interfaces ("1-1:1.0") and root hubs ("usb1") are not devices of their own.
//
// Classification, first match wins:
//   1. the whiteboard / pen / touch id table (usb_ids.h), except generic bridges
//      (10c4:ea60, a USB-serial chip) which say nothing by their id;
//   2. a HID interface whose report descriptor declares a digitizer (hid_descriptor.h);
//   3. USB class codes of the device or its interfaces: 07 printer, 08 storage,
//      09 hub, 0e video -> "camera" (a webcam; "document-camera" only comes from the
//      id table, since a class code cannot tell a document camera from a webcam);
//   4. "other".

#include <string>
#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// What classification needs to know of one device.
struct UsbFacts {
  std::string vendor_id, product_id;
  int device_class = 0;
  std::vector<int> interface_classes;
  std::vector<std::string> hid_descriptors;  // raw report descriptors of its HID interfaces
};

std::string classifyUsb(const UsbFacts& facts);
// True for whiteboard, pen and touch: the classes reported in state.peripherals.
bool isClassroomPeripheral(std::string_view device_class);

class UsbCollector final : public Collector {
 public:
  std::string_view name() const override { return "usb"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
