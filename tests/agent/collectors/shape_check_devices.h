#pragma once
// Well-formedness of the device collectors' output (SMBIOS memory modules, batteries,
// USB, displays, software) and of the state they report (SMART, battery, temperatures,
// peripherals): every field present has the form the schema promises.

#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "agent/collectors/collector.h"
#include "tests/agent/collectors/shape_check.h"

namespace parc::agent::testing {

inline void expectUsbId(const std::string& id, const char* what) {
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{4}"))) << what << ": " << id;
}

inline const std::set<std::string> kUsbClasses = {"whiteboard", "pen",   "touch", "document-camera", "printer",
                                                  "storage",    "hub",   "camera", "other"};

inline void expectDeviceInventoryWellFormed(const Inventory& inv) {
  for (const auto& module : inv.memory.modules) {
    for (const auto& [value, what] : {std::pair{&module.slot, "module.slot"}, {&module.type, "module.type"},
                                      {&module.manufacturer, "module.manufacturer"},
                                      {&module.serial, "module.serial"}, {&module.part_number, "module.part_number"}}) {
      expectCleanText(*value, what);
    }
    if (module.size_bytes) {
      EXPECT_GT(*module.size_bytes, 0);
    }
    if (module.speed_mts) {
      EXPECT_GT(*module.speed_mts, 0);
    }
  }
  for (const auto& battery : inv.batteries) {
    EXPECT_FALSE(battery.name.empty());
    expectCleanText(battery.manufacturer, "battery.manufacturer");
    expectCleanText(battery.model, "battery.model");
    expectCleanText(battery.serial, "battery.serial");
    expectCleanText(battery.technology, "battery.technology");
    if (battery.design_capacity_uwh) {
      EXPECT_GT(*battery.design_capacity_uwh, 0) << battery.name;
    }
    if (battery.full_capacity_uwh) {
      EXPECT_GE(*battery.full_capacity_uwh, 0) << battery.name;
    }
  }
  for (const auto& device : inv.usb) {
    expectUsbId(device.vendor_id, "usb.vendor_id");
    expectUsbId(device.product_id, "usb.product_id");
    expectCleanText(device.manufacturer, "usb.manufacturer");
    expectCleanText(device.product, "usb.product");
    expectCleanText(device.serial, "usb.serial");
    expectOneOf(device.device_class, kUsbClasses, "usb.class");
  }
  for (const auto& display : inv.displays) {
    expectCleanText(display.connector, "display.connector");
    expectCleanText(display.manufacturer, "display.manufacturer");
    expectCleanText(display.model, "display.model");
    expectCleanText(display.serial, "display.serial");
    if (display.manufacturer_code) {
      EXPECT_TRUE(std::regex_match(*display.manufacturer_code, std::regex("[A-Z]{3}"))) << *display.manufacturer_code;
    }
    if (display.year) {
      EXPECT_TRUE(*display.year >= 1990 && *display.year <= 2100) << *display.year;
    }
    if (display.week) {
      EXPECT_TRUE(*display.week >= 1 && *display.week <= 54) << *display.week;
    }
    if (display.width_cm) {
      EXPECT_GT(*display.width_cm, 0);
    }
    if (display.height_cm) {
      EXPECT_GT(*display.height_cm, 0);
    }
    expectOneOf(display.kind, {"monitor", "projector", "flat-panel", "internal"}, "display.kind");
  }
  std::set<std::string> packages;
  for (const auto& package : inv.software) {
    EXPECT_FALSE(package.name.empty());
    EXPECT_TRUE(collectors::isCleanText(package.name)) << package.name;
    EXPECT_EQ(package.name.find(' '), std::string::npos) << package.name;
    expectCleanText(package.version, "package.version");
    expectCleanText(package.arch, "package.arch");
    EXPECT_TRUE(packages.insert(package.name + ":" + package.arch.value_or("")).second) << "twice: " << package.name;
  }
}

inline void expectNonNegative(const OptInt& value, const char* what) {
  if (value) {
    EXPECT_GE(*value, 0) << what;
  }
}

inline void expectDeviceStateWellFormed(const Snapshot& snapshot) {
  for (const auto& disk : snapshot.state.disks) {
    bool listed = false;
    for (const auto& known : snapshot.inventory.disks) listed = listed || known.name == disk.name;
    EXPECT_TRUE(listed) << disk.name;
    if (!disk.smart) continue;
    const SmartHealth& smart = *disk.smart;
    for (const auto& [value, what] : {std::pair{&smart.reallocated, "reallocated"}, {&smart.pending, "pending"},
                                      {&smart.uncorrectable, "uncorrectable"}, {&smart.media_errors, "media_errors"},
                                      {&smart.crc_errors, "crc_errors"}, {&smart.grown_defects, "grown_defects"}}) {
      expectNonNegative(*value, what);
    }
    if (smart.percentage_used) {
      EXPECT_TRUE(*smart.percentage_used >= 0 && *smart.percentage_used <= 255);
    }
    if (smart.temperature_c) {
      EXPECT_TRUE(*smart.temperature_c > -60 && *smart.temperature_c < 200);
    }
  }
  for (const auto& battery : snapshot.state.batteries) {
    EXPECT_FALSE(battery.name.empty());
    if (battery.charge_pct) {
      EXPECT_TRUE(*battery.charge_pct >= 0 && *battery.charge_pct <= 100);
    }
    if (battery.health_pct) {
      EXPECT_TRUE(*battery.health_pct >= 0 && *battery.health_pct <= 150);
    }
    expectNonNegative(battery.cycles, "battery.cycles");
    expectOneOf(battery.status, {"charging", "discharging", "full", "not_charging"}, "battery.status");
  }
  for (const auto& temperature : snapshot.state.temperatures) {
    EXPECT_FALSE(temperature.label.empty());
    EXPECT_TRUE(collectors::isCleanText(temperature.label)) << temperature.label;
    if (temperature.celsius) {
      EXPECT_TRUE(*temperature.celsius > -60 && *temperature.celsius < 200);
    }
  }
  for (const auto& peripheral : snapshot.state.peripherals) {
    expectUsbId(peripheral.vendor_id, "peripheral.vendor_id");
    expectUsbId(peripheral.product_id, "peripheral.product_id");
    expectOneOf(peripheral.device_class, {"whiteboard", "pen", "touch"}, "peripheral.class");
  }
}

}  // namespace parc::agent::testing
