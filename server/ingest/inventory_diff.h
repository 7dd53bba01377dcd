#pragma once
// What changed in a machine between two inventories: components added, removed
// or replaced. Pure functions, no I/O.
//
// A component has a kind ("disk"), a key that says where it sits ("sda",
// "DIMM A1", "eth0") and an identity that says which part it is (a serial, a MAC).
// Same key, different identity: replaced. Key only in the new list: added; only in
// the old one: removed. USB devices have no slot, so their key is their identity
// and they are only ever added or removed.

#include <string>
#include <vector>

#include "server/store/store.h"
#include "shared/report.h"

namespace parc::server {

struct InventoryComponent {
  std::string component;    // disk, memory, cpu, network, battery, usb, display, system
  std::string key;          // unique per component within one inventory
  std::string identity;     // what tells two parts apart
  std::string description;  // for people: "Samsung SSD 860 EVO 500 GB #S3Z1NB0K"

  bool operator==(const InventoryComponent&) const = default;
};

// The components of an inventory, sorted by (component, key). Keys that would
// repeat (two modules without a slot name) get a "#2", "#3" suffix.
std::vector<InventoryComponent> extractComponents(const Inventory& inventory);

// Changes from `before` to `after`, in (component, key) order.
std::vector<ComponentChange> diffComponents(const std::vector<InventoryComponent>& before,
                                            const std::vector<InventoryComponent>& after,
                                            const std::string& at);

// diffComponents over both inventories' components. Without a previous inventory
// the new one is the baseline: no changes.
std::vector<ComponentChange> diffInventories(const Inventory* before, const Inventory& after,
                                             const std::string& at);

}  // namespace parc::server
