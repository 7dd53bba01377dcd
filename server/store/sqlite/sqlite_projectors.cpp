#include "server/store/sqlite/sqlite_projectors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "server/store/built_year.h"
#include "server/store/hardware_identity.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "shared/crypto.h"
#include "shared/report_json.h"

namespace parc::server::sqlite {
namespace {

using nlohmann::json;

constexpr std::string_view kKitClasses[] = {"whiteboard", "pen", "touch"};

struct Poller {
  std::string device_id, site_id, collectivity_id;
  OptString room;
};

Poller pollerOf(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT d.site_id, d.room, s.collectivity_id FROM devices d JOIN sites s ON s.id = d.site_id "
      "WHERE d.id = ?",
      "read polling device");
  query.bind(1, device_id);
  if (!query.step()) throw SqliteError(0, "sqlite: polling device " + device_id + " not found");
  return {device_id, query.text(0), query.text(2), query.optText(1)};
}

OptString findLink(Connection& db, const std::string& key) {
  Statement query = db.prepare("SELECT device_id FROM projector_links WHERE link_key = ?", "find projector link");
  query.bind(1, key);
  return query.step() ? OptString(query.text(0)) : std::nullopt;
}

// The projector device for `key`, created in the poller's site and room when new.
// `fallback_key`, when given, is an older key of the same projector: re-keyed.
std::string linkedDevice(Connection& db, const Poller& poller, const std::string& key,
                         const OptString& fallback_key, const std::string& source,
                         const OptString& address, const std::string& at) {
  OptString device = findLink(db, key);
  if (!device && fallback_key) {
    device = findLink(db, *fallback_key);
    if (device) {
      db.prepare("UPDATE projector_links SET link_key = ? WHERE device_id = ?", "re-key projector link")
          .bind(1, key).bind(2, *device).run();
    }
  }
  if (!device) {
    device = newId();
    db.prepare("INSERT INTO devices (id, site_id, room, kind, enrolled_at) VALUES (?, ?, ?, 'projector', ?)",
               "insert projector device")
        .bind(1, *device).bind(2, poller.site_id).bind(3, poller.room).bind(4, at).run();
    db.prepare("INSERT INTO projector_links (device_id, link_key, polled_by, address, source) "
               "VALUES (?, ?, ?, ?, ?)",
               "insert projector link")
        .bind(1, *device).bind(2, key).bind(3, poller.device_id).bind(4, address).bind(5, source).run();
  }
  db.prepare("UPDATE projector_links SET polled_by = ?, address = ? WHERE device_id = ?",
             "update projector link")
      .bind(1, poller.device_id).bind(2, address).bind(3, *device).run();
  return *device;
}

void describeDevice(Connection& db, const std::string& device_id, const Poller& poller,
                    const SystemInfo& system, const OptString& name, const Inventory& inventory) {
  db.prepare("UPDATE devices SET site_id = ?, room = ?, hostname = COALESCE(?, hostname), "
             "manufacturer = COALESCE(?, manufacturer), model = COALESCE(?, model), "
             "serial = COALESCE(?, serial) WHERE id = ?",
             "update projector device")
      .bind(1, poller.site_id).bind(2, poller.room).bind(3, name).bind(4, system.manufacturer)
      .bind(5, system.model).bind(6, system.serial).bind(7, device_id)
      .run();
  storeDeviceInventory(db, device_id, encodeInventory(inventory));
}

std::string addressKey(const Poller& poller, const std::string& address) {
  return "address:" + poller.device_id + ":" + address;
}

std::string linkPjlink(Connection& db, const Poller& poller, const Projector& projector, const std::string& at) {
  const OptString serial = projector.serial ? usableSerial(*projector.serial) : std::nullopt;
  const std::string by_address = addressKey(poller, projector.address);
  const std::string key = serial ? "serial:" + poller.collectivity_id + ":" + *serial : by_address;
  const OptString fallback = serial ? OptString(by_address) : std::nullopt;
  const std::string device = linkedDevice(db, poller, key, fallback, "pjlink", projector.address, at);
  Inventory inventory;  // a projector's inventory: itself, and its identity as the system
  inventory.system.manufacturer = projector.manufacturer;
  inventory.system.model = projector.model;
  inventory.system.serial = serial;
  inventory.system.version = projector.firmware;
  inventory.projectors.push_back(projector);
  describeDevice(db, device, poller, inventory.system, projector.name, inventory);
  return device;
}

void linkEdid(Connection& db, const Poller& poller, const Display& display, const std::string& at) {
  const std::string code = display.product_code ? std::to_string(*display.product_code) : "";
  const std::string key = "edid:" + poller.device_id + ":" + display.manufacturer_code.value_or("") + ":" +
                          code + ":" + display.serial.value_or("");
  const std::string device = linkedDevice(db, poller, key, std::nullopt, "edid", std::nullopt, at);
  Inventory inventory;
  inventory.system.manufacturer = display.manufacturer;
  inventory.system.model = display.model;
  inventory.system.serial = display.serial ? usableSerial(*display.serial) : std::nullopt;
  inventory.displays.push_back(display);
  describeDevice(db, device, poller, inventory.system, std::nullopt, inventory);
  // Its age for the park (server/store/built_year.h); a year typed by a person wins.
  if (const OptInt year = builtYearFromDisplay(display)) {
    db.prepare("UPDATE devices SET built_year = COALESCE(built_year, ?) WHERE id = ?", "store edid built year")
        .bind(1, *year).bind(2, device).run();
  }
  // Not polled: whether it is reachable is unknown.
  const json state = {{"source", "edid"}, {"reachable", nullptr},
                      {"connector", display.connector ? json(*display.connector) : json(nullptr)}};
  db.prepare("UPDATE projector_links SET state_json = COALESCE(state_json, ?), state_at = COALESCE(state_at, ?) "
             "WHERE device_id = ?",
             "store edid projector state")
      .bind(1, state.dump()).bind(2, at).bind(3, device).run();
}

bool isKit(const UsbDevice& usb) {
  return usb.device_class &&
         std::find(std::begin(kKitClasses), std::end(kKitClasses), *usb.device_class) != std::end(kKitClasses);
}

}  // namespace

std::string projectorStateJson(const ProjectorState& projector) {
  return encodeProjectorState(projector, "pjlink");
}

void linkProjectors(Connection& db, const std::string& polling_device, const Inventory& inventory,
                    const std::string& at) {
  if (inventory.projectors.empty() &&
      std::none_of(inventory.displays.begin(), inventory.displays.end(),
                   [](const Display& d) { return d.kind == "projector"; })) {
    return;
  }
  const Poller poller = pollerOf(db, polling_device);
  for (const Projector& projector : inventory.projectors) linkPjlink(db, poller, projector, at);
  for (const Display& display : inventory.displays) {
    if (display.kind == "projector") linkEdid(db, poller, display, at);
  }
}

// A polled projector's link and its stored state, when known.
struct PolledLink {
  std::string device_id;
  OptString state_json;
};

std::optional<PolledLink> findPolled(Connection& db, const std::string& polling_device, const std::string& address) {
  Statement query = db.prepare(
      "SELECT device_id, state_json FROM projector_links WHERE polled_by = ? AND address = ? AND source = 'pjlink'",
      "find polled projector");
  query.bind(1, polling_device).bind(2, address);
  if (!query.step()) return std::nullopt;
  return PolledLink{query.text(0), query.optText(1)};
}

// The projector device the state goes to; its state and time written. An unchanged
// state (the usual case) only moves its time.
std::string storeState(Connection& db, const std::string& polling_device, const ProjectorState& projector,
                       const std::string& encoded, const std::string& at) {
  std::optional<PolledLink> link = findPolled(db, polling_device, projector.address);
  if (link && link->state_json == encoded) {
    db.prepare("UPDATE projector_links SET state_at = ? WHERE device_id = ?", "touch projector state")
        .bind(1, at).bind(2, link->device_id).run();
    return link->device_id;
  }
  if (!link) {  // a new projector: its poller's site and room are read only now
    link = PolledLink{linkPjlink(db, pollerOf(db, polling_device), Projector{.address = projector.address}, at), {}};
  }
  db.prepare("UPDATE projector_links SET state_json = ?, state_at = ? WHERE device_id = ?", "store projector state")
      .bind(1, encoded).bind(2, at).bind(3, link->device_id).run();
  return link->device_id;
}

void storeProjectorStates(Connection& db, const std::string& polling_device, const State& state,
                          const std::string& at, const std::vector<std::string>* encoded_states) {
  const bool prepared = encoded_states && encoded_states->size() == state.projectors.size();
  for (std::size_t i = 0; i < state.projectors.size(); ++i) {
    const ProjectorState& projector = state.projectors[i];
    const std::string encoded = prepared ? (*encoded_states)[i] : projectorStateJson(projector);
    const std::string device = storeState(db, polling_device, projector, encoded, at);
    if (projector.reachable == true) {
      db.prepare("UPDATE devices SET last_seen_at = ? WHERE id = ?", "projector last seen")
          .bind(1, at).bind(2, device).run();
    }
  }
}

void syncKit(Connection& db, const std::string& device_id, const Inventory& inventory,
             const std::string& at) {
  std::set<std::string> present;
  for (const UsbDevice& usb : inventory.usb) {
    if (!isKit(usb)) continue;
    const std::string identity = usb.vendor_id + ":" + usb.product_id + ":" + usb.serial.value_or("");
    const std::string description = usb.manufacturer.value_or("") + (usb.manufacturer ? " " : "") +
                                    usb.product.value_or(usb.vendor_id + ":" + usb.product_id);
    present.insert(identity);
    db.prepare("INSERT INTO device_kit (device_id, identity, class, description, first_seen) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, identity) DO UPDATE SET "
               "class = excluded.class, description = excluded.description, removed_at = NULL",
               "upsert kit")
        .bind(1, device_id).bind(2, identity).bind(3, *usb.device_class).bind(4, description).bind(5, at).run();
  }
  Statement current = db.prepare("SELECT identity FROM device_kit WHERE device_id = ? AND removed_at IS NULL",
                                 "read current kit");
  current.bind(1, device_id);
  std::vector<std::string> gone;
  while (current.step()) {
    if (!present.contains(current.text(0))) gone.push_back(current.text(0));
  }
  for (const std::string& identity : gone) {
    db.prepare("UPDATE device_kit SET removed_at = ? WHERE device_id = ? AND identity = ?", "close kit")
        .bind(1, at).bind(2, device_id).bind(3, identity).run();
  }
}

std::optional<std::pair<std::string, std::string>> readProjectorState(Connection& db,
                                                                       const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT state_json, state_at FROM projector_links WHERE device_id = ? AND state_json IS NOT NULL",
      "read projector state");
  query.bind(1, device_id);
  if (!query.step()) return std::nullopt;
  return std::pair{query.text(0), query.text(1)};
}

std::vector<KitItem> readKit(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT identity, class, COALESCE(description, ''), first_seen, removed_at FROM device_kit "
      "WHERE device_id = ? ORDER BY first_seen, identity",
      "read kit");
  query.bind(1, device_id);
  std::vector<KitItem> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.optText(4)});
  }
  return out;
}

}  // namespace parc::server::sqlite
