// Conformance: projectors as devices of their own, and the whiteboard kit.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "shared/report_json.h"
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {
namespace {

using nlohmann::json;

Projector epson(const std::string& address, OptString serial) {
  Projector projector;
  projector.address = address;
  projector.manufacturer = "EPSON";
  projector.model = "EB-W49";
  projector.serial = std::move(serial);
  projector.firmware = "1.02";
  projector.pjlink_class = "2";
  projector.name = "Salle B12";
  return projector;
}

ProjectorState stateOf(const std::string& address, const char* lamp, std::int64_t hours) {
  ProjectorState state;
  state.address = address;
  state.reachable = true;
  state.power = "on";
  state.errors = ProjectorErrors{.fan = "ok", .lamp = lamp, .temperature = "ok", .cover = "ok",
                                 .filter = "ok", .other = "ok", .extra = {}};
  state.lamp_hours = {hours};
  return state;
}

DeviceFilter projectorKind() {
  DeviceFilter filter;
  filter.kind = "projector";
  return filter;
}

json stateJson(Store& store, const std::string& device_id) {
  const auto device = store.getDevice(Scope::everything(), device_id);
  EXPECT_TRUE(device && device->state_json);
  return device && device->state_json ? json::parse(*device->state_json) : json();
}

Report withProjector(Report report, const Projector& projector, const ProjectorState& state) {
  if (report.inventory) report.inventory->projectors.push_back(projector);
  report.state.projectors.push_back(state);
  return report;
}

TEST_P(StoreConformance, PolledProjectorIsItsOwnDeviceWithItsState) {
  const EnrollResult pc = enrollOk(token(a1_.id, 1, "B12"), Machine{std::nullopt, "PCSERIAL01", "poste", {}});
  const Inventory inventory = sampleInventory();
  ingestOk(pc, withProjector(fullReport(1, inventory), epson("10.12.3.40", "X4JK8300123"),
                             stateOf("10.12.3.40", "ok", 2810)));
  auto found = allDevices(Scope::everything(), projectorKind());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, "projector");
  EXPECT_EQ(found[0].site_id, a1_.id);
  EXPECT_EQ(found[0].room, "B12");
  EXPECT_EQ(found[0].serial, "X4JK8300123");
  EXPECT_EQ(found[0].manufacturer, "EPSON");
  EXPECT_EQ(found[0].model, "EB-W49");
  EXPECT_NE(found[0].id, pc.device_id);
  EXPECT_EQ(stateJson(*store_, found[0].id)["errors"]["lamp"], "ok");

  // The next state report carries a lamp error: the projector's state follows.
  Report next = withProjector(stateReport(2, inventoryHash(inventory)), {}, stateOf("10.12.3.40", "error", 2811));
  ingestOk(pc, next, at("2026-11-23T08:15:05Z"));
  const json state = stateJson(*store_, found[0].id);
  EXPECT_EQ(state["errors"]["lamp"], "error");
  EXPECT_EQ(state["lamp_hours"][0], 2811);
  EXPECT_EQ(state["reachable"], true);
  EXPECT_EQ(allDevices(Scope::everything(), projectorKind()).size(), 1u);
  EXPECT_EQ(store_->getDevice(Scope::everything(), found[0].id)->summary.last_seen_at, "2026-11-23T08:15:05Z");
}

TEST_P(StoreConformance, ProjectorSameSerialIsOneDevicePerCollectivity) {
  const EnrollResult first = enrollNew(a1_.id, "pc-a1");
  const EnrollResult second = enrollNew(a2_.id, "pc-a2");
  const EnrollResult other = enrollNew(b1_.id, "pc-b1");
  const Projector projector = epson("10.0.0.5", "SERIAL-77");
  ingestOk(first, withProjector(fullReport(1, sampleInventory("pc-a1")), projector, stateOf("10.0.0.5", "ok", 1)));
  ingestOk(second, withProjector(fullReport(1, sampleInventory("pc-a2")), epson("10.9.9.9", "SERIAL-77"),
                                 stateOf("10.9.9.9", "warning", 2)));
  ingestOk(other, withProjector(fullReport(1, sampleInventory("pc-b1")), projector, stateOf("10.0.0.5", "ok", 3)));
  const auto in_a = allDevices(Scope::collectivity(a_.id), projectorKind());
  ASSERT_EQ(in_a.size(), 1u);
  EXPECT_EQ(in_a[0].site_id, a2_.id);  // it moved with the PC that polls it now
  EXPECT_EQ(stateJson(*store_, in_a[0].id)["errors"]["lamp"], "warning");
  EXPECT_EQ(allDevices(Scope::collectivity(b_.id), projectorKind()).size(), 1u);
  EXPECT_EQ(allDevices(Scope::everything(), projectorKind()).size(), 2u);
}

TEST_P(StoreConformance, ProjectorWithoutSerialKeyedByPollerAndAddressThenRekeyed) {
  const EnrollResult pc = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  Projector bare;  // unreachable at first: only the address
  bare.address = "10.0.0.7";
  ProjectorState unreachable;
  unreachable.address = "10.0.0.7";
  unreachable.reachable = false;
  unreachable.poll_error = "connect: Connection refused";
  ingestOk(pc, withProjector(fullReport(1, inventory), bare, unreachable));
  auto found = allDevices(Scope::everything(), projectorKind());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(stateJson(*store_, found[0].id)["reachable"], false);
  EXPECT_FALSE(found[0].last_seen_at);
  // Reachable later, with a serial: the same device.
  ingestOk(pc, withProjector(fullReport(2, inventory), epson("10.0.0.7", "SER-7"), stateOf("10.0.0.7", "ok", 9)));
  found = allDevices(Scope::everything(), projectorKind());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].serial, "SER-7");
  EXPECT_EQ(stateJson(*store_, found[0].id)["reachable"], true);
}

TEST_P(StoreConformance, EdidProjectorIsLinkedWithReachabilityUnknown) {
  const EnrollResult pc = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  Display display;
  display.connector = "HDMI-A-1";
  display.manufacturer = "Seiko Epson";
  display.manufacturer_code = "SEC";
  display.product_code = 12345;
  display.model = "EPSON PJ";
  display.kind = "projector";
  display.year = 2016;
  inventory.displays.push_back(display);
  Display monitor = display;
  monitor.kind = "monitor";
  monitor.connector = "DP-1";
  monitor.year = 2021;
  inventory.displays.push_back(monitor);
  ingestOk(pc, fullReport(1, inventory));
  ingestOk(pc, fullReport(2, inventory));  // same inventory again: no second device
  const auto found = allDevices(Scope::everything(), projectorKind());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].manufacturer, "Seiko Epson");
  EXPECT_EQ(found[0].built_year, 2016);  // the projector's EDID year, not the monitor's
  const json state = stateJson(*store_, found[0].id);
  EXPECT_TRUE(state["reachable"].is_null());
  EXPECT_EQ(state["source"], "edid");
}

TEST_P(StoreConformance, WhiteboardControllerRemovedIsRecordedAndKeptInTheKit) {
  const EnrollResult pc = enrollNew(a1_.id);
  Inventory inventory = sampleInventory();
  inventory.usb.clear();
  UsbDevice board;
  board.vendor_id = "0b8c";
  board.product_id = "0001";
  board.manufacturer = "SMART Technologies";
  board.product = "SMART Board";
  board.device_class = "whiteboard";
  UsbDevice mouse;
  mouse.vendor_id = "046d";
  mouse.product_id = "c077";
  mouse.device_class = "other";
  inventory.usb = {board, mouse};
  ingestOk(pc, fullReport(1, inventory), at("2026-11-23T08:00:05Z"));
  inventory.usb = {mouse};
  const IngestResult result = ingestOk(pc, fullReport(2, inventory), at("2026-11-24T08:00:05Z"));
  const auto removed = std::find_if(result.changes.begin(), result.changes.end(), [](const ComponentChange& c) {
    return c.component == "usb" && c.change == "removed";
  });
  ASSERT_NE(removed, result.changes.end());
  ASSERT_TRUE(removed->before);
  EXPECT_NE(removed->before->find("whiteboard"), std::string::npos) << *removed->before;
  EXPECT_NE(removed->before->find("0b8c:0001"), std::string::npos) << *removed->before;

  const auto device = store_->getDevice(Scope::everything(), pc.device_id);
  ASSERT_TRUE(device);
  ASSERT_EQ(device->kit.size(), 1u);  // the mouse is not kit
  EXPECT_EQ(device->kit[0].device_class, "whiteboard");
  EXPECT_EQ(device->kit[0].first_seen, "2026-11-23T08:00:05Z");
  EXPECT_EQ(device->kit[0].removed_at, "2026-11-24T08:00:05Z");
  const auto history = std::find_if(device->history.begin(), device->history.end(), [](const ComponentChange& c) {
    return c.component == "usb" && c.change == "removed";
  });
  EXPECT_NE(history, device->history.end());

  inventory.usb = {mouse, board};  // plugged back in
  ingestOk(pc, fullReport(3, inventory), at("2026-11-25T08:00:05Z"));
  const auto again = store_->getDevice(Scope::everything(), pc.device_id);
  ASSERT_EQ(again->kit.size(), 1u);
  EXPECT_FALSE(again->kit[0].removed_at);
}

TEST_P(StoreConformance, HostileProjectorFieldsAreStoredAsData) {
  const EnrollResult pc = enrollNew(a1_.id);
  Projector weird = epson("'; DROP TABLE devices; --", "x' OR '1'='1");
  weird.manufacturer = std::string("\xff\xfe bad utf8", 12);
  ingestOk(pc, withProjector(fullReport(1, sampleInventory()), weird, stateOf(weird.address, "ok", 1)));
  const auto found = allDevices(Scope::everything(), projectorKind());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].serial, "x' OR '1'='1");
  EXPECT_GE(deviceCount(), 2u);
}

}  // namespace
}  // namespace parc::server::testing
