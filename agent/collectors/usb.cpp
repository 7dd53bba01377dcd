#include "agent/collectors/usb.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "agent/collectors/hid_descriptor.h"
#include "agent/collectors/text.h"
#include "agent/collectors/usb_ids.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kUsbDevicesDir = "/sys/bus/usb/devices";
constexpr int kClassHid = 0x03, kClassPrinter = 0x07, kClassStorage = 0x08, kClassHub = 0x09,
              kClassVideo = 0x0E;
constexpr std::size_t kMaxDescriptorBytes = 64 * 1024;  // HID_MAX_DESCRIPTOR_SIZE is 4 KiB

bool hasClass(const UsbFacts& facts, int code) {
  return facts.device_class == code ||
         std::find(facts.interface_classes.begin(), facts.interface_classes.end(), code) !=
             facts.interface_classes.end();
}

// Four hex digits, lower case; nullopt for anything else.
std::optional<std::string> hexId(const std::optional<std::string>& text) {
  if (!text || text->size() != 4) return std::nullopt;
  for (const char c : *text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return toLower(*text);
}

std::optional<int> hexByte(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 2) return std::nullopt;
  int value = 0;
  for (const char c : *text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
  }
  return value;
}

OptString cleanAttribute(const FsRoot& root, const std::string& path) {
  auto value = root.readAttribute(path);
  if (!value || !isCleanText(*value)) return std::nullopt;
  return value;
}

// A device entry: "1-1", "2-1.4"; not a root hub ("usb1") nor an interface ("1-1:1.0").
bool isDeviceEntry(std::string_view entry) {
  return !entry.empty() && std::isdigit(static_cast<unsigned char>(entry.front())) &&
         entry.find(':') == std::string_view::npos;
}

// The report descriptors below one interface (<iface>/<bus>:<vid>:<pid>.<n>/report_descriptor).
void readHidDescriptors(const FsRoot& root, const std::string& iface, UsbFacts& facts) {
  for (const auto& child : root.list(iface)) {
    auto blob = root.readFile(iface + "/" + child + "/report_descriptor", kMaxDescriptorBytes);
    if (blob && !blob->empty()) facts.hid_descriptors.push_back(std::move(*blob));
  }
}

void readInterfaces(const FsRoot& root, std::string_view device, const std::vector<std::string>& entries,
                    UsbFacts& facts) {
  const std::string prefix = std::string(device) + ":";
  for (const auto& entry : entries) {
    if (!startsWith(entry, prefix)) continue;
    const std::string iface = std::string(kUsbDevicesDir) + "/" + entry;
    const auto code = hexByte(root.readAttribute(iface + "/bInterfaceClass"));
    if (!code) continue;
    facts.interface_classes.push_back(*code);
    if (*code == kClassHid) readHidDescriptors(root, iface, facts);
  }
}

std::optional<UsbDevice> readDevice(const FsRoot& root, const std::string& entry,
                                    const std::vector<std::string>& entries) {
  const std::string dir = std::string(kUsbDevicesDir) + "/" + entry;
  UsbFacts facts;
  const auto vendor = hexId(root.readAttribute(dir + "/idVendor"));
  const auto product = hexId(root.readAttribute(dir + "/idProduct"));
  if (!vendor || !product) return std::nullopt;
  facts.vendor_id = *vendor;
  facts.product_id = *product;
  facts.device_class = hexByte(root.readAttribute(dir + "/bDeviceClass")).value_or(0);
  readInterfaces(root, entry, entries, facts);
  UsbDevice device;
  device.vendor_id = facts.vendor_id;
  device.product_id = facts.product_id;
  device.manufacturer = cleanAttribute(root, dir + "/manufacturer");
  device.product = cleanAttribute(root, dir + "/product");
  device.serial = cleanAttribute(root, dir + "/serial");
  device.device_class = classifyUsb(facts);
  return device;
}

}  // namespace

std::string classifyUsb(const UsbFacts& facts) {
  const auto known = findUsbId(facts.vendor_id, facts.product_id);
  if (known && !known->generic_bridge) return std::string(known->device_class);
  std::optional<std::string> digitizer;
  for (const auto& descriptor : facts.hid_descriptors) {
    auto kind = hidDigitizerKind(descriptor);
    if (kind && (!digitizer || *kind == "whiteboard" || (*kind == "touch" && *digitizer == "pen"))) {
      digitizer = std::move(kind);
    }
  }
  if (digitizer) return *digitizer;
  if (hasClass(facts, kClassPrinter)) return "printer";
  if (hasClass(facts, kClassStorage)) return "storage";
  if (hasClass(facts, kClassHub)) return "hub";
  if (hasClass(facts, kClassVideo)) return "camera";
  return "other";
}

bool isClassroomPeripheral(std::string_view device_class) {
  return device_class == "whiteboard" || device_class == "pen" || device_class == "touch";
}

CollectOutcome UsbCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto entries = root.list(kUsbDevicesDir);
  if (entries.empty()) return CollectOutcome::noData("no " + std::string(kUsbDevicesDir));
  std::vector<UsbDevice> devices;
  for (const auto& entry : entries) {
    if (!isDeviceEntry(entry)) continue;
    if (auto device = readDevice(root, entry, entries)) devices.push_back(std::move(*device));
  }
  if (devices.empty()) return CollectOutcome::noData("no USB device besides root hubs");
  for (const auto& device : devices) {
    if (!isClassroomPeripheral(device.device_class.value_or(""))) continue;
    Peripheral peripheral;
    peripheral.vendor_id = device.vendor_id;
    peripheral.product_id = device.product_id;
    peripheral.device_class = device.device_class;
    snapshot.state.peripherals.push_back(std::move(peripheral));
  }
  snapshot.inventory.usb = std::move(devices);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
