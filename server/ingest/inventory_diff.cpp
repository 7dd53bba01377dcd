#include "server/ingest/inventory_diff.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "server/store/hardware_identity.h"

namespace parc::server {
namespace {

constexpr std::string_view kLinuxRootHubVendor = "1d6b";

// Words joined by one space, empty ones skipped.
std::string words(std::initializer_list<OptString> parts) {
  std::string out;
  for (const OptString& part : parts) {
    if (!part || part->empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += *part;
  }
  return out;
}

std::string withSerial(std::string text, const OptString& serial) {
  if (!serial || serial->empty()) return text;
  return text.empty() ? "#" + *serial : text + " #" + *serial;
}

OptString sizeText(const OptInt& bytes, double unit, const char* suffix) {
  if (!bytes || *bytes <= 0) return std::nullopt;
  const auto rounded = static_cast<std::int64_t>(static_cast<double>(*bytes) / unit + 0.5);
  return std::to_string(rounded) + " " + suffix;
}

std::string orText(const OptString& value, std::string fallback) {
  return value && !value->empty() ? *value : std::move(fallback);
}

void addSystem(const SystemInfo& system, std::vector<InventoryComponent>& out) {
  if (!system.serial || system.serial->empty()) return;
  out.push_back({"system", "system", *system.serial,
                 withSerial(words({system.manufacturer, system.model}), system.serial)});
}

void addDisks(const std::vector<Disk>& disks, std::vector<InventoryComponent>& out) {
  for (const Disk& disk : disks) {
    const OptString size = sizeText(disk.size_bytes, 1e9, "GB");
    const std::string identity =
        orText(disk.serial, orText(disk.model, "") + "|" + orText(size, ""));
    out.push_back({"disk", disk.name, identity, withSerial(words({disk.model, size}), disk.serial)});
  }
}

void addMemory(const Memory& memory, std::vector<InventoryComponent>& out) {
  for (std::size_t i = 0; i < memory.modules.size(); ++i) {
    const MemoryModule& module = memory.modules[i];
    const OptString size = sizeText(module.size_bytes, 1024.0 * 1024 * 1024, "GiB");
    const OptString serial = module.serial ? usableSerial(*module.serial) : std::nullopt;
    const std::string identity =
        serial ? *serial : words({module.manufacturer, module.part_number, size});
    out.push_back({"memory", orText(module.slot, "module " + std::to_string(i)), identity,
                   withSerial(words({module.manufacturer, module.part_number, size}), serial)});
  }
}

void addCpus(const std::vector<Cpu>& cpus, std::vector<InventoryComponent>& out) {
  for (std::size_t i = 0; i < cpus.size(); ++i) {
    const Cpu& cpu = cpus[i];
    const auto socket = cpu.physical_id ? *cpu.physical_id : static_cast<std::int64_t>(i);
    const std::string model = orText(cpu.model, "");
    out.push_back({"cpu", "cpu" + std::to_string(socket), model, model});
  }
}

void addNetwork(const std::vector<NetInterface>& interfaces, std::vector<InventoryComponent>& out) {
  for (const NetInterface& nic : interfaces) {
    if (nic.name == "lo" || nic.type == "virtual") continue;  // come and go; not hardware
    const OptString mac = nic.mac ? normalizeMac(*nic.mac) : std::nullopt;
    const std::string identity = mac ? *mac : orText(nic.mac, "");
    out.push_back({"network", nic.name, identity, words({mac, nic.driver})});
  }
}

void addBatteries(const std::vector<Battery>& batteries, std::vector<InventoryComponent>& out) {
  for (const Battery& battery : batteries) {
    const std::string identity = orText(battery.serial, orText(battery.model, ""));
    out.push_back({"battery", battery.name, identity,
                   withSerial(words({battery.manufacturer, battery.model}), battery.serial)});
  }
}

void addUsb(const std::vector<UsbDevice>& devices, std::vector<InventoryComponent>& out) {
  for (const UsbDevice& usb : devices) {
    if (usb.vendor_id == kLinuxRootHubVendor) continue;  // the host's own root hubs
    const std::string identity = usb.vendor_id + ":" + usb.product_id + ":" + orText(usb.serial, "");
    const std::string ids = usb.vendor_id + ":" + usb.product_id;
    // The class goes in the description, so "whiteboard controller removed" reads as such.
    const OptString device_class =
        usb.device_class ? OptString("(" + *usb.device_class + ")") : std::nullopt;
    out.push_back({"usb", identity, identity,
                   withSerial(words({usb.manufacturer, usb.product, ids, device_class}), usb.serial)});
  }
}

void addDisplays(const std::vector<Display>& displays, std::vector<InventoryComponent>& out) {
  for (std::size_t i = 0; i < displays.size(); ++i) {
    const Display& display = displays[i];
    const OptString code =
        display.product_code ? OptString(std::to_string(*display.product_code)) : std::nullopt;
    const std::string identity = orText(display.manufacturer_code, orText(display.manufacturer, "")) +
                                 ":" + orText(code, "") + ":" + orText(display.serial, "");
    out.push_back({"display", orText(display.connector, "display " + std::to_string(i)), identity,
                   withSerial(words({display.manufacturer, display.model}), display.serial)});
  }
}

// Sorts and makes keys unique within each component.
void settleKeys(std::vector<InventoryComponent>& components) {
  const auto order = [](const InventoryComponent& a, const InventoryComponent& b) {
    return std::tie(a.component, a.key, a.identity) < std::tie(b.component, b.key, b.identity);
  };
  std::sort(components.begin(), components.end(), order);
  std::map<std::pair<std::string, std::string>, int> seen;
  for (InventoryComponent& component : components) {
    const int count = ++seen[{component.component, component.key}];
    if (count > 1) component.key += "#" + std::to_string(count);
  }
  std::sort(components.begin(), components.end(), order);
}

ComponentChange change(const InventoryComponent& component, const char* kind, OptString before,
                       OptString after, const std::string& at) {
  return ComponentChange{.component = component.component, .change = kind, .key = component.key,
                         .before = std::move(before), .after = std::move(after), .at = at};
}

}  // namespace

std::vector<InventoryComponent> extractComponents(const Inventory& inventory) {
  std::vector<InventoryComponent> out;
  addSystem(inventory.system, out);
  addDisks(inventory.disks, out);
  addMemory(inventory.memory, out);
  addCpus(inventory.cpus, out);
  addNetwork(inventory.network, out);
  addBatteries(inventory.batteries, out);
  addUsb(inventory.usb, out);
  addDisplays(inventory.displays, out);
  settleKeys(out);
  return out;
}

std::vector<ComponentChange> diffComponents(const std::vector<InventoryComponent>& before,
                                            const std::vector<InventoryComponent>& after,
                                            const std::string& at) {
  using Slot = std::pair<std::string, std::string>;
  std::map<Slot, const InventoryComponent*> old_by_slot, new_by_slot;
  for (const auto& component : before) old_by_slot[{component.component, component.key}] = &component;
  for (const auto& component : after) new_by_slot[{component.component, component.key}] = &component;

  std::vector<ComponentChange> changes;
  for (const auto& [slot, old_part] : old_by_slot) {
    const auto found = new_by_slot.find(slot);
    if (found == new_by_slot.end()) {
      changes.push_back(change(*old_part, "removed", old_part->description, std::nullopt, at));
    } else if (found->second->identity != old_part->identity) {
      changes.push_back(
          change(*old_part, "replaced", old_part->description, found->second->description, at));
    }
  }
  for (const auto& [slot, new_part] : new_by_slot) {
    if (!old_by_slot.contains(slot)) {
      changes.push_back(change(*new_part, "added", std::nullopt, new_part->description, at));
    }
  }
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.component, a.key) < std::tie(b.component, b.key);
  });
  return changes;
}

std::vector<ComponentChange> diffInventories(const Inventory* before, const Inventory& after,
                                             const std::string& at) {
  if (before == nullptr) return {};
  return diffComponents(extractComponents(*before), extractComponents(after), at);
}

}  // namespace parc::server
