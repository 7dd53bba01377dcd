#include "agent/collectors/smbios_decode.h"

#include <array>
#include <cstdio>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

// Type 17 memory types from 0x12 (DDR) on; earlier codes are DRAM families nobody buys.
constexpr auto kMemoryTypes = std::to_array<std::pair<int, std::string_view>>({
    {0x03, "DRAM"},  {0x0f, "SDRAM"},  {0x11, "RDRAM"},  {0x12, "DDR"},    {0x13, "DDR2"},
    {0x14, "DDR2 FB-DIMM"},             {0x18, "DDR3"},   {0x19, "FBD2"},   {0x1a, "DDR4"},
    {0x1b, "LPDDR"}, {0x1c, "LPDDR2"}, {0x1d, "LPDDR3"}, {0x1e, "LPDDR4"},
    {0x1f, "Logical non-volatile device"}, {0x20, "HBM"}, {0x21, "HBM2"}, {0x22, "DDR5"},
    {0x23, "LPDDR5"}, {0x24, "HBM3"},
});

// Type 22 chemistry byte -> the words /sys/class/power_supply uses for `technology`.
constexpr auto kChemistries = std::to_array<std::pair<int, std::string_view>>({
    {0x03, "Lead-acid"}, {0x04, "NiCd"}, {0x05, "NiMH"}, {0x06, "Li-ion"}, {0x07, "Zinc-air"},
    {0x08, "Li-poly"},
});

// SBDS chemistry strings (Smart Battery Data Specification) seen in type 22.
constexpr auto kSbdsChemistries = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"lip", "Li-poly"}, {"lipo", "Li-poly"}, {"lion", "Li-ion"}, {"li-ion", "Li-ion"},
    {"pbac", "Lead-acid"}, {"nicd", "NiCd"}, {"nimh", "NiMH"}, {"znar", "Zinc-air"},
});

constexpr std::uint16_t kSizeUnknown = 0xffff;
constexpr std::uint16_t kSizeUseExtended = 0x7fff;
constexpr std::uint16_t kSpeedUseExtended = 0xffff;
constexpr std::int64_t kMiB = 1024 * 1024;

OptInt positive(std::optional<std::uint32_t> value) {
  if (!value || *value == 0) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

SmbiosBios decodeBios(const SmbiosStructure& s) {
  return {s.stringAt(0x04), s.stringAt(0x05), s.stringAt(0x08)};
}

SmbiosSystem decodeSystem(const SmbiosStructure& s, const SmbiosVersion& version) {
  SmbiosSystem system{s.stringAt(0x04), s.stringAt(0x05), s.stringAt(0x06), s.stringAt(0x07),
                      s.stringAt(0x19), s.stringAt(0x1a), std::nullopt};
  if (s.formatted.size() >= 0x18) system.uuid = formatSmbiosUuid(std::string_view(s.formatted).substr(0x08, 16), version);
  return system;
}

SmbiosBaseboard decodeBaseboard(const SmbiosStructure& s) {
  return {s.stringAt(0x04), s.stringAt(0x05), s.stringAt(0x06), s.stringAt(0x07), s.stringAt(0x08)};
}

SmbiosChassis decodeChassis(const SmbiosStructure& s) {
  SmbiosChassis chassis{std::nullopt, s.stringAt(0x04), s.stringAt(0x06), s.stringAt(0x07), s.stringAt(0x08)};
  if (const auto type = s.byteAt(0x05)) chassis.type = *type;
  return chassis;
}

// Size word: 0 = empty slot, 0xFFFF = unknown, 0x7FFF = see the extended size (MiB,
// bits 0-30), bit 15 = the unit is KiB instead of MiB.
void decodeMemorySize(const SmbiosStructure& s, SmbiosMemoryDevice& device) {
  const auto size = s.wordAt(0x0c);
  if (!size || *size == 0) return;
  device.installed = true;
  if (*size == kSizeUnknown) return;
  if (*size == kSizeUseExtended) {
    const auto extended = s.dwordAt(0x1c);
    if (extended && (*extended & 0x7fffffff) != 0) device.size_bytes = (*extended & 0x7fffffff) * kMiB;
    return;
  }
  const std::int64_t amount = *size & 0x7fff;
  device.size_bytes = (*size & 0x8000) ? amount * 1024 : amount * kMiB;
}

OptInt decodeSpeed(const SmbiosStructure& s, std::size_t word_at, std::size_t extended_at) {
  const auto speed = s.wordAt(word_at);
  if (speed && *speed == kSpeedUseExtended) return positive(s.dwordAt(extended_at));
  if (!speed) return std::nullopt;
  return positive(*speed);
}

SmbiosMemoryDevice decodeMemoryDevice(const SmbiosStructure& s) {
  SmbiosMemoryDevice device;
  device.locator = s.stringAt(0x10);
  device.bank_locator = s.stringAt(0x11);
  device.manufacturer = s.stringAt(0x17);
  device.serial = s.stringAt(0x18);
  device.asset_tag = s.stringAt(0x19);
  device.part_number = s.stringAt(0x1a);
  decodeMemorySize(s, device);
  if (const auto type = s.byteAt(0x12)) {
    device.type_code = *type;
    device.type = memoryTypeName(*type);
  }
  device.speed_mts = decodeSpeed(s, 0x15, 0x54);
  device.configured_speed_mts = decodeSpeed(s, 0x20, 0x58);
  return device;
}

OptString chemistry(const SmbiosStructure& s) {
  const auto code = s.byteAt(0x09);
  for (const auto& [known, name] : kChemistries) {
    if (code && *code == known) return std::string(name);
  }
  const auto sbds = s.stringAt(0x14);  // used when the byte says "unknown"
  if (!sbds) return std::nullopt;
  const std::string lower = toLower(trim(*sbds));
  for (const auto& [text, name] : kSbdsChemistries) {
    if (lower == text) return std::string(name);
  }
  return sbds;
}

SmbiosBattery decodeBattery(const SmbiosStructure& s) {
  SmbiosBattery battery;
  battery.location = s.stringAt(0x04);
  battery.manufacturer = s.stringAt(0x05);
  battery.manufacture_date = s.stringAt(0x06);
  battery.serial = s.stringAt(0x07);
  battery.name = s.stringAt(0x08);
  battery.chemistry = chemistry(s);
  if (const auto capacity = s.wordAt(0x0a); capacity && *capacity != 0) {
    const auto multiplier = s.byteAt(0x15).value_or(1);
    battery.design_capacity_mwh = static_cast<std::int64_t>(*capacity) * (multiplier == 0 ? 1 : multiplier);
  }
  if (const auto voltage = s.wordAt(0x0c); voltage && *voltage != 0) battery.design_voltage_mv = *voltage;
  if (!battery.serial) {  // the SBDS serial number word, printed in hex as dmidecode does
    if (const auto sbds = s.wordAt(0x10); sbds && *sbds != 0) {
      char text[8];
      std::snprintf(text, sizeof text, "%04X", static_cast<unsigned>(*sbds));
      battery.serial = text;
    }
  }
  return battery;
}

}  // namespace

std::optional<std::string> memoryTypeName(std::int64_t code) {
  for (const auto& [known, name] : kMemoryTypes) {
    if (code == known) return std::string(name);
  }
  return std::nullopt;
}

std::optional<std::string> formatSmbiosUuid(std::string_view bytes16, const SmbiosVersion& version) {
  if (bytes16.size() != 16) return std::nullopt;
  if (bytes16.find_first_not_of('\0') == std::string_view::npos) return std::nullopt;
  if (bytes16.find_first_not_of('\xff') == std::string_view::npos) return std::nullopt;
  const auto b = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(bytes16[i])); };
  const bool swap = version.atLeast(2, 6);
  const std::array<std::size_t, 8> head = swap ? std::array<std::size_t, 8>{3, 2, 1, 0, 5, 4, 7, 6}
                                               : std::array<std::size_t, 8>{0, 1, 2, 3, 4, 5, 6, 7};
  char out[40];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                b(head[0]), b(head[1]), b(head[2]), b(head[3]), b(head[4]), b(head[5]), b(head[6]),
                b(head[7]), b(8), b(9), b(10), b(11), b(12), b(13), b(14), b(15));
  return std::string(out);
}

SmbiosInfo decodeSmbios(const SmbiosTable& table) {
  SmbiosInfo info;
  info.version = table.version;
  for (const auto& s : table.structures) {
    switch (s.type) {
      case 0: if (!info.bios) info.bios = decodeBios(s); break;
      case 1: if (!info.system) info.system = decodeSystem(s, table.version); break;
      case 2: if (!info.baseboard) info.baseboard = decodeBaseboard(s); break;
      case 3: if (!info.chassis) info.chassis = decodeChassis(s); break;
      case 17: info.memory_devices.push_back(decodeMemoryDevice(s)); break;
      case 22: info.batteries.push_back(decodeBattery(s)); break;
      default: break;
    }
  }
  return info;
}

}  // namespace parc::agent::collectors
