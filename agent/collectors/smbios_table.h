#pragma once
// The raw SMBIOS table, as bytes: entry points (32-bit "_SM_", 64-bit "_SM3_"), the
// structure walk and the container formats it comes in (/sys/firmware/dmi/tables,
// `dmidecode --dump-bin`, Windows RawSMBIOSData). Pure: no I/O, every length and
// offset checked, errors name the offset and what is wrong.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace parc::agent::collectors {

struct SmbiosVersion {
  int major = 0, minor = 0, revision = 0;
  bool atLeast(int wanted_major, int wanted_minor) const {
    return major > wanted_major || (major == wanted_major && minor >= wanted_minor);
  }
};

struct SmbiosEntryPoint {
  SmbiosVersion version;
  bool is_64bit = false;
  std::uint64_t table_address = 0;
  // 32-bit: the exact table length; 64-bit: its maximum size.
  std::uint32_t table_length = 0;
};

// One structure: the formatted area (header included, so offsets are those of the
// specification) and its string set.
struct SmbiosStructure {
  std::uint8_t type = 0;
  std::uint16_t handle = 0;
  std::size_t offset = 0;  // in the table
  std::string formatted;
  std::vector<std::string> strings;

  std::optional<std::uint8_t> byteAt(std::size_t at) const;
  std::optional<std::uint16_t> wordAt(std::size_t at) const;
  std::optional<std::uint32_t> dwordAt(std::size_t at) const;
  // The string whose 1-based index is the byte at `at`; nullopt for index 0, an index
  // past the string set, or a field beyond the structure.
  std::optional<std::string> stringAt(std::size_t at) const;
};

struct SmbiosTable {
  SmbiosVersion version;
  std::vector<SmbiosStructure> structures;
};

inline constexpr std::uint8_t kSmbiosEndOfTable = 127;

Result<SmbiosEntryPoint> parseSmbiosEntryPoint(std::string_view bytes);
// Walks the structures until type 127 or the end of the bytes (trailing zero padding
// is accepted). A structure shorter than its header, one that runs past the end or a
// string set without its double NUL is an error.
Result<std::vector<SmbiosStructure>> parseSmbiosStructures(std::string_view table);

// /sys/firmware/dmi/tables/smbios_entry_point + /sys/firmware/dmi/tables/DMI.
Result<SmbiosTable> parseSysfsSmbios(std::string_view entry_point, std::string_view dmi);
// `dmidecode --dump-bin`: the entry point at offset 0, the table at the offset it names.
Result<SmbiosTable> parseSmbiosDump(std::string_view file);
// Windows GetSystemFirmwareTable('RSMB'): an 8-byte header (version, length), then the table.
Result<SmbiosTable> parseRawSmbiosData(std::string_view file);
// A bare table without entry point; the caller states the version it assumes.
Result<SmbiosTable> parseBareSmbiosTable(std::string_view table, SmbiosVersion assumed);

}  // namespace parc::agent::collectors
