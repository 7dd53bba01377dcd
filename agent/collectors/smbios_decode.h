#pragma once
// Decodes the SMBIOS structures Parc reports: 0 (BIOS), 1 (system), 2 (baseboard),
// 3 (chassis), 17 (memory devices) and 22 (portable battery). Values are as the
// firmware wrote them (strings untrimmed, placeholders kept); smbios_inventory.h turns
// them into report fields. Pure, no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent/collectors/smbios_table.h"
#include "shared/report.h"

namespace parc::agent::collectors {

struct SmbiosBios {
  OptString vendor, version, release_date;
};

struct SmbiosSystem {
  OptString manufacturer, product, version, serial, sku, family;
  OptString uuid;  // lowercase 8-4-4-4-12, byte order per the table's version; nullopt when absent
};

struct SmbiosBaseboard {
  OptString manufacturer, product, version, serial, asset_tag;
};

struct SmbiosChassis {
  OptInt type;  // the raw type byte (bit 7: lock present)
  OptString manufacturer, version, serial, asset_tag;
};

struct SmbiosMemoryDevice {
  OptString locator, bank_locator, manufacturer, serial, asset_tag, part_number;
  bool installed = false;  // false for an empty slot (size 0)
  OptInt size_bytes;       // nullopt when installed but the size is unknown
  OptInt type_code;        // the memory type byte
  OptString type;          // DDR4, LPDDR5, ...; nullopt for other / unknown / reserved
  OptInt speed_mts, configured_speed_mts;  // nullopt when unknown (0)
};

struct SmbiosBattery {
  OptString location, manufacturer, manufacture_date, serial, name;
  OptString chemistry;  // sysfs vocabulary: Li-ion, Li-poly, NiMH, NiCd, ...; or the SBDS text
  OptInt design_capacity_mwh, design_voltage_mv;
};

struct SmbiosInfo {
  SmbiosVersion version;
  std::optional<SmbiosBios> bios;
  std::optional<SmbiosSystem> system;
  std::optional<SmbiosBaseboard> baseboard;
  std::optional<SmbiosChassis> chassis;
  std::vector<SmbiosMemoryDevice> memory_devices;
  std::vector<SmbiosBattery> batteries;
};

// SMBIOS memory type code (type 17, offset 0x12) -> name; nullopt for other, unknown, reserved.
std::optional<std::string> memoryTypeName(std::int64_t code);
// The 16 UUID bytes of type 1 -> text; SMBIOS >= 2.6 stores the first three fields
// little-endian. nullopt when all bytes are 0x00 or all 0xFF (not present / not set).
std::optional<std::string> formatSmbiosUuid(std::string_view bytes16, const SmbiosVersion& version);

// The first structure of types 0-3 is used; every type 17 and 22 is kept.
SmbiosInfo decodeSmbios(const SmbiosTable& table);

}  // namespace parc::agent::collectors
