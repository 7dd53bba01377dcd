#include "agent/collectors/smbios_inventory.h"

#include <algorithm>

#include "agent/collectors/system.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::int64_t kUwhPerMwh = 1000;
constexpr std::size_t kMaxTableBytes = 4 << 20;

OptString clean(const OptString& raw) { return raw ? cleanDmiValue(*raw) : std::nullopt; }

void fill(OptString& target, const OptString& raw) {
  if (!target) target = clean(raw);
}

// Locators repeat across channels on some boards ("DIMM 0" on channel A and B): the
// bank locator then goes in front, so each slot keeps a distinct name.
OptString slotName(const SmbiosMemoryDevice& device, const std::vector<SmbiosMemoryDevice>& all) {
  const OptString locator = clean(device.locator);
  const OptString bank = clean(device.bank_locator);
  if (!locator) return bank;
  const auto same = std::count_if(all.begin(), all.end(),
                                  [&](const SmbiosMemoryDevice& other) { return clean(other.locator) == locator; });
  if (same > 1 && bank) return *bank + " " + *locator;
  return locator;
}

void fillBios(const SmbiosBios& raw, std::optional<Bios>& bios) {
  Bios filled = bios.value_or(Bios{});
  fill(filled.vendor, raw.vendor);
  fill(filled.version, raw.version);
  if (!filled.date) {
    if (const auto date = clean(raw.release_date)) filled.date = normaliseBiosDate(*date);
  }
  if (filled.vendor || filled.version || filled.date) bios = std::move(filled);
}

void fillBaseboard(const SmbiosBaseboard& raw, std::optional<Baseboard>& board) {
  Baseboard filled = board.value_or(Baseboard{});
  fill(filled.manufacturer, raw.manufacturer);
  fill(filled.product, raw.product);
  fill(filled.version, raw.version);
  fill(filled.serial, raw.serial);
  if (filled.manufacturer || filled.product || filled.version || filled.serial) board = std::move(filled);
}

bool sameMachine(const SmbiosInfo& info, const SystemInfo& system) {
  if (!system.manufacturer || !info.system) return true;
  const OptString table_maker = clean(info.system->manufacturer);
  return !table_maker || toLower(*table_maker) == toLower(*system.manufacturer);
}

void fillSystemStrings(const SmbiosSystem& raw, SystemInfo& system) {
  fill(system.manufacturer, raw.manufacturer);
  // Lenovo swaps model and version (system.cpp); take the table's pair only as a pair.
  if (!system.model && !system.version) {
    system.model = clean(raw.product);
    system.version = clean(raw.version);
    if (system.manufacturer && toLower(*system.manufacturer) == "lenovo" && system.model && system.version) {
      std::swap(system.model, system.version);
    }
  }
  fill(system.serial, raw.serial);
  if (!system.uuid && raw.uuid) system.uuid = normaliseUuid(*raw.uuid);
  fill(system.sku, raw.sku);
  fill(system.family, raw.family);
}

}  // namespace

std::optional<Result<SmbiosInfo>> readSmbios(const FsRoot& root) {
  const auto entry_point = root.readFile(kSmbiosEntryPointPath, 4096);
  const auto dmi = root.readFile(kSmbiosTablePath, kMaxTableBytes);
  if (!entry_point || !dmi) return std::nullopt;
  const auto table = parseSysfsSmbios(*entry_point, *dmi);
  if (!table) return Result<SmbiosInfo>(makeError(std::string(kSmbiosTablePath) + ": " + table.error()));
  return Result<SmbiosInfo>(decodeSmbios(*table));
}

std::vector<MemoryModule> memoryModulesFromSmbios(const SmbiosInfo& info) {
  std::vector<MemoryModule> modules;
  for (const auto& device : info.memory_devices) {
    if (!device.installed) continue;
    MemoryModule module;
    module.slot = slotName(device, info.memory_devices);
    module.type = device.type;
    module.manufacturer = clean(device.manufacturer);
    module.serial = clean(device.serial);
    module.part_number = clean(device.part_number);
    module.size_bytes = device.size_bytes;
    module.speed_mts = device.configured_speed_mts ? device.configured_speed_mts : device.speed_mts;
    modules.push_back(std::move(module));
  }
  return modules;
}

void fillSystemFromSmbios(const SmbiosInfo& info, SystemInfo& system) {
  if (!sameMachine(info, system)) return;
  if (info.system) fillSystemStrings(*info.system, system);
  if (info.chassis) {
    fill(system.asset_tag, info.chassis->asset_tag);
    if (!system.chassis && info.chassis->type) system.chassis = chassisFromType(*info.chassis->type);
  }
  if (looksVirtual(system.manufacturer.value_or(""), system.model.value_or(""))) system.chassis = "vm";
  if (info.bios) fillBios(*info.bios, system.bios);
  if (info.baseboard) fillBaseboard(*info.baseboard, system.baseboard);
}

std::vector<Battery> batteriesFromSmbios(const SmbiosInfo& info) {
  std::vector<Battery> batteries;
  for (std::size_t i = 0; i < info.batteries.size(); ++i) {
    const SmbiosBattery& raw = info.batteries[i];
    Battery battery;
    battery.name = "smbios" + std::to_string(i);
    battery.manufacturer = clean(raw.manufacturer);
    battery.model = clean(raw.name);
    battery.serial = clean(raw.serial);
    battery.technology = clean(raw.chemistry);
    if (raw.design_capacity_mwh) battery.design_capacity_uwh = *raw.design_capacity_mwh * kUwhPerMwh;
    batteries.push_back(std::move(battery));
  }
  return batteries;
}

}  // namespace parc::agent::collectors
