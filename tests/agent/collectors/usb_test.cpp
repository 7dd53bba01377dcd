// The usb collector on sysfs trees derived from real `lsusb -v` captures
// (tests/fixtures/usb/lsusb): each "Bus B Device D" becomes /sys/bus/usb/devices/B-D
// (Device 001, the root hub, becomes usbB), with idVendor, idProduct, bDeviceClass
// (two hex digits, as sysfs writes them), manufacturer / product / serial from the
// iManufacturer / iProduct / iSerial strings, and one B-D:1.N directory per
// bInterfaceNumber holding its bInterfaceClass. The port topology is not in lsusb
// output, so device names use the device number instead of the port path.

#include "agent/collectors/usb.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <sstream>

#include "agent/collectors/hid_descriptor.h"
#include "agent/collectors/text.h"
#include "agent/collectors/usb_ids.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

std::string hex2(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02x\n", value & 0xFF);
  return buffer;
}

// Writes the devices of one lsusb -v capture below tree; returns the device count.
int writeLsusbTree(const testing::TempTree& tree, const std::string& lsusb) {
  static const std::regex bus(R"(^Bus (\d+) Device (\d+): ID ([0-9a-f]{4}):([0-9a-f]{4}))");
  static const std::regex field(R"(^\s+(\w+)\s+(\d+|0x[0-9a-f]+)\s?(.*)$)");
  std::istringstream in(lsusb);
  std::string line, dir, iface_number;
  int devices = 0;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, bus)) {
      const int b = std::stoi(m[1]), d = std::stoi(m[2]);
      dir = "/sys/bus/usb/devices/" + (d == 1 ? "usb" + std::to_string(b) : std::to_string(b) + "-" + std::to_string(d));
      tree.write(dir + "/idVendor", m[3].str() + "\n");
      tree.write(dir + "/idProduct", m[4].str() + "\n");
      ++devices;
      continue;
    }
    if (dir.empty() || !std::regex_search(line, m, field)) continue;
    const std::string key = m[1], number = m[2], rest = m[3];
    if (key == "bDeviceClass") tree.write(dir + "/bDeviceClass", hex2(std::stoi(number)));
    if (key == "iManufacturer" && number != "0") tree.write(dir + "/manufacturer", rest + "\n");
    if (key == "iProduct" && number != "0") tree.write(dir + "/product", rest + "\n");
    if (key == "iSerial" && number != "0") tree.write(dir + "/serial", rest + "\n");
    if (key == "bInterfaceNumber") iface_number = number;
    if (key == "bInterfaceClass") {
      const auto name = dir.substr(dir.rfind('/') + 1);
      const auto base = name.rfind("usb", 0) == 0 ? name.substr(3) + "-0" : name;
      tree.write("/sys/bus/usb/devices/" + base + ":1." + iface_number + "/bInterfaceClass", hex2(std::stoi(number)));
    }
  }
  return devices;
}

const UsbDevice* find(const std::vector<UsbDevice>& devices, std::string_view vid, std::string_view pid) {
  for (const auto& device : devices) {
    if (device.vendor_id == vid && device.product_id == pid) return &device;
  }
  return nullptr;
}

Snapshot collectTree(const testing::TempTree& tree, CollectStatus expected = CollectStatus::kOk) {
  Snapshot snapshot;
  EXPECT_EQ(UsbCollector().collect(FsRoot(tree.path()), snapshot).status, expected);
  return snapshot;
}

TEST(CollectorUsb, DellLatitudeXt2Capture) {
  testing::TempTree tree;
  ASSERT_EQ(writeLsusbTree(tree, testing::readFixture("usb/lsusb/glpi-agent-lsusb-dell-xt2.txt")), 15);
  const auto snapshot = collectTree(tree);
  const auto& usb = snapshot.inventory.usb;
  ASSERT_EQ(usb.size(), 7u);  // 15 minus 8 root hubs
  const auto* hub = find(usb, "0a5c", "4500");
  ASSERT_TRUE(hub);
  EXPECT_EQ(hub->device_class, "hub");
  EXPECT_EQ(hub->manufacturer, "Broadcom");
  EXPECT_EQ(hub->product, "BCM2046B1");
  EXPECT_EQ(hub->serial, std::nullopt);  // iSerial 0
  const auto* bluetooth = find(usb, "413c", "8160");
  ASSERT_TRUE(bluetooth);
  EXPECT_EQ(bluetooth->device_class, "other");  // 224 wireless
  EXPECT_EQ(bluetooth->product, "Dell Wireless 365 Bluetooth Module");
  const auto* fingerprint = find(usb, "0a5c", "5801");
  ASSERT_TRUE(fingerprint);
  EXPECT_EQ(fingerprint->serial, "0123456789ABCD");
  // The N-Trig digitizer: HID, but the capture holds no report descriptor to tell.
  ASSERT_TRUE(find(usb, "1b96", "0001"));
  EXPECT_EQ(find(usb, "1b96", "0001")->device_class, "other");
  EXPECT_TRUE(snapshot.state.peripherals.empty());
  for (const auto& device : usb) EXPECT_NE(device.vendor_id, "1d6b");
}

TEST(CollectorUsb, BarCodeScannerCapture) {
  testing::TempTree tree;
  ASSERT_EQ(writeLsusbTree(tree, testing::readFixture("usb/lsusb/glpi-agent-lsusb-ubuntu-bar-code-scanner.txt")), 1);
  const auto snapshot = collectTree(tree);
  ASSERT_EQ(snapshot.inventory.usb.size(), 1u);
  const auto& scanner = snapshot.inventory.usb[0];
  EXPECT_EQ(scanner.vendor_id, "05e0");
  EXPECT_EQ(scanner.product_id, "1200");
  EXPECT_EQ(scanner.product, "Symbol Bar Code Scanner");
  EXPECT_EQ(scanner.serial, "S/N:28A1CC69D1D8AE4585EDA53F7CD6CB88 Rev:NBRMSAAHDM:");  // padding trimmed
  EXPECT_EQ(scanner.device_class, "other");
}

// The Dell capture with a whiteboard controller, a touch frame and a generic USB-serial
// chip plugged in (ids from whiteboard-usb-ids.tsv; strings as usb.ids names them).
TEST(CollectorUsb, ClassroomPeripheralsGoToState) {
  testing::TempTree tree;
  writeLsusbTree(tree, testing::readFixture("usb/lsusb/glpi-agent-lsusb-dell-xt2.txt"));
  tree.write("/sys/bus/usb/devices/1-9/idVendor", "0b8c\n");
  tree.write("/sys/bus/usb/devices/1-9/idProduct", "0001\n");
  tree.write("/sys/bus/usb/devices/1-9/bDeviceClass", "00\n");
  tree.write("/sys/bus/usb/devices/1-9/product", "SMART Board\n");
  tree.write("/sys/bus/usb/devices/1-9:1.0/bInterfaceClass", "03\n");
  tree.write("/sys/bus/usb/devices/2-3/idVendor", "6615\n");
  tree.write("/sys/bus/usb/devices/2-3/idProduct", "0020\n");
  tree.write("/sys/bus/usb/devices/3-4/idVendor", "10C4\n");  // upper case as some kernels never write: still read
  tree.write("/sys/bus/usb/devices/3-4/idProduct", "ea60\n");
  tree.write("/sys/bus/usb/devices/3-4:1.0/bInterfaceClass", "ff\n");
  const auto snapshot = collectTree(tree);
  EXPECT_EQ(find(snapshot.inventory.usb, "0b8c", "0001")->device_class, "whiteboard");
  EXPECT_EQ(find(snapshot.inventory.usb, "6615", "0020")->device_class, "touch");
  EXPECT_EQ(find(snapshot.inventory.usb, "10c4", "ea60")->device_class, "other");  // never a whiteboard by id
  const auto& peripherals = snapshot.state.peripherals;
  ASSERT_EQ(peripherals.size(), 2u);
  EXPECT_EQ(peripherals[0].vendor_id, "0b8c");
  EXPECT_EQ(peripherals[0].device_class, "whiteboard");
  EXPECT_EQ(peripherals[1].vendor_id, "6615");
  EXPECT_EQ(peripherals[1].device_class, "touch");
}

TEST(CollectorUsb, EveryTableRowClassifies) {
  std::size_t rows = 0;
  std::istringstream tsv(testing::readFixture("usb/whiteboard-usb-ids.tsv"));
  std::string line;
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++rows;
    const auto tab = line.find('\t');
    const std::string vid = line.substr(0, tab);
    std::string pid = line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1);
    if (pid == "*") pid = "0065";  // one of the ids the row lists as seen
    const UsbFacts facts{vid, pid, 0, {0x03}, {}};
    const auto device_class = classifyUsb(facts);
    if (vid == "10c4") {
      EXPECT_EQ(device_class, "other") << line;
    } else {
      EXPECT_TRUE(isClassroomPeripheral(device_class)) << line << " -> " << device_class;
    }
  }
  EXPECT_EQ(rows, usbIdTable().size());
}

TEST(CollectorUsb, ClassCodes) {
  EXPECT_EQ(classifyUsb({"04f9", "0042", 0, {0x07}, {}}), "printer");
  EXPECT_EQ(classifyUsb({"0781", "5581", 0, {0x08}, {}}), "storage");
  EXPECT_EQ(classifyUsb({"05e3", "0608", 0x09, {0x09}, {}}), "hub");
  EXPECT_EQ(classifyUsb({"046d", "0825", 0xef, {0x0e, 0x0e, 0x01, 0x01}, {}}), "camera");
  EXPECT_EQ(classifyUsb({"413c", "8161", 0, {0x03}, {}}), "other");
}

// The Dell XT2 touchpad's report descriptor, re-encoded from the items lsusb decoded
// in glpi-agent-lsusb-dell-xt2.txt (lines 239-283): a mouse, not a digitizer.
const std::string kXt2TouchpadStart = std::string(
    "\x05\x01\x09\x02\xa1\x01\x85\x02\x09\x01\xa1\x00\x05\x09\x19\x01\x29\x03\x15\x00\x25\x01"
    "\x75\x01\x95\x03\x81\x02\x95\x01\x75\x05\x81\x01\x05\x01\x09\x30\x09\x31\x15\x81\x25\x7f"
    "\x75\x08\x95\x02\x81\x06\xc0\xc0\x05\x0c\x09\x01\xa1\x01\x85\x7f\x06\x00\xff\x75\x08\x95"
    "\x03\x15\x00\x26\xff\x00\x1a\x40\xfc\x2a\x42\xfc\xb1\x02\xc0", 81);

// Digitizer application collections, item by item as the HID Usage Tables define them.
std::string application(unsigned char page, unsigned char usage) {
  return std::string("\x05") + static_cast<char>(page) + "\x09" + static_cast<char>(usage) +
         std::string("\xa1\x01\x09\x22\xa1\x02\xc0\xc0", 8);
}

TEST(HidDescriptor, DigitizerKinds) {
  EXPECT_EQ(hidDigitizerKind(kXt2TouchpadStart), std::nullopt);
  EXPECT_EQ(hidDigitizerKind(application(0x0d, 0x04)), "touch");
  EXPECT_EQ(hidDigitizerKind(application(0x0d, 0x02)), "pen");
  EXPECT_EQ(hidDigitizerKind(application(0x0d, 0x06)), "whiteboard");
  EXPECT_EQ(hidDigitizerKind(application(0x0d, 0x05)), std::nullopt);  // touchpad
  EXPECT_EQ(hidDigitizerKind(kXt2TouchpadStart + application(0x0d, 0x02) + application(0x0d, 0x04)), "touch");
  // A 4-byte usage carries its own page (0x000D0004).
  EXPECT_EQ(hidDigitizerKind(std::string("\x05\x01\x0b\x04\x00\x0d\x00\xa1\x01\xc0", 10)), "touch");
  // Only top-level collections count.
  EXPECT_EQ(hidDigitizerKind(std::string("\x05\x01\x09\x02\xa1\x01\x05\x0d\x09\x04\xa1\x01\xc0\xc0", 14)), std::nullopt);
}

TEST(HidDescriptor, HostileBytes) {
  const auto touch = application(0x0d, 0x04);
  for (std::size_t cut = 0; cut < touch.size(); ++cut) {
    EXPECT_NO_FATAL_FAILURE(hidDigitizerKind(touch.substr(0, cut)));
  }
  EXPECT_EQ(hidDigitizerKind(touch.substr(0, 5)), std::nullopt);  // collection item cut off
  EXPECT_EQ(hidDigitizerKind(std::string("\xfe\xff\x00", 3)), std::nullopt);  // long item past the end
  EXPECT_EQ(hidDigitizerKind(std::string("\xfe\x01\x00\x00", 4) + touch), "touch");  // long item skipped
  EXPECT_EQ(hidDigitizerKind(std::string(4096, '\xc0')), std::nullopt);  // unbalanced ends
  std::string noise;
  for (int i = 0; i < 65536; ++i) noise.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
  EXPECT_NO_FATAL_FAILURE(hidDigitizerKind(noise));
}

TEST(CollectorUsb, HidDigitizerFromSysfsDescriptor) {
  testing::TempTree tree;
  writeLsusbTree(tree, testing::readFixture("usb/lsusb/glpi-agent-lsusb-dell-xt2.txt"));
  tree.write("/sys/bus/usb/devices/5-2:1.0/0003:1B96:0001.0004/report_descriptor", application(0x0d, 0x02));
  tree.write("/sys/bus/usb/devices/5-2:1.1/0003:1B96:0001.0005/report_descriptor", application(0x0d, 0x04));
  tree.write("/sys/bus/usb/devices/1-4:1.0/0003:413C:8162.0002/report_descriptor", kXt2TouchpadStart);
  const auto snapshot = collectTree(tree);
  EXPECT_EQ(find(snapshot.inventory.usb, "1b96", "0001")->device_class, "touch");
  EXPECT_EQ(find(snapshot.inventory.usb, "413c", "8162")->device_class, "other");
  ASSERT_EQ(snapshot.state.peripherals.size(), 1u);
  EXPECT_EQ(snapshot.state.peripherals[0].product_id, "0001");
}

TEST(CollectorUsb, HostileAttributes) {
  testing::TempTree tree;
  tree.write("/sys/bus/usb/devices/1-1/idVendor", "zzzz\n");  // not hex: skipped
  tree.write("/sys/bus/usb/devices/1-1/idProduct", "0001\n");
  tree.write("/sys/bus/usb/devices/1-2/idVendor", "0b8c0\n");  // too long: skipped
  tree.write("/sys/bus/usb/devices/1-2/idProduct", "0001\n");
  tree.write("/sys/bus/usb/devices/1-3/idVendor", "0d48\n");
  tree.write("/sys/bus/usb/devices/1-3/idProduct", "0001\n");
  tree.write("/sys/bus/usb/devices/1-3/product", std::string("ACTIV\x01\xff", 7));  // garbage: dropped
  tree.write("/sys/bus/usb/devices/1-3/bDeviceClass", "garbage\n");
  tree.write("/sys/bus/usb/devices/1-3:1.0/bInterfaceClass", "1234\n");
  tree.write("/sys/bus/usb/devices/1-3:1.0/0003:0D48:0001.0001/report_descriptor", std::string(200000, '\xfe'));
  const auto snapshot = collectTree(tree);
  ASSERT_EQ(snapshot.inventory.usb.size(), 1u);
  EXPECT_EQ(snapshot.inventory.usb[0].product, std::nullopt);
  EXPECT_EQ(snapshot.inventory.usb[0].device_class, "whiteboard");

  testing::TempTree empty;
  collectTree(empty, CollectStatus::kNoData);
  testing::TempTree hubs_only;
  hubs_only.write("/sys/bus/usb/devices/usb1/idVendor", "1d6b\n");
  hubs_only.write("/sys/bus/usb/devices/usb1/idProduct", "0002\n");
  hubs_only.write("/sys/bus/usb/devices/1-0:1.0/bInterfaceClass", "09\n");
  collectTree(hubs_only, CollectStatus::kNoData);
}

}  // namespace
}  // namespace parc::agent::collectors
