#include "agent/collectors/smbios_table.h"

#include <cstdio>

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kAnchor32 = "_SM_";
constexpr std::string_view kAnchor64 = "_SM3_";
constexpr std::string_view kIntermediateAnchor = "_DMI_";
constexpr std::size_t kMinEntryPoint32 = 0x1e;  // 0x1f per the specification; 2.1 firmware says 0x1e
constexpr std::size_t kEntryPoint64 = 0x18;
constexpr std::size_t kHeaderSize = 4;
constexpr std::size_t kRawSmbiosHeader = 8;
constexpr std::size_t kMaxStructures = 65536;

std::uint64_t readLittleEndian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  }
  return value;
}

bool checksumIsZero(std::string_view bytes) {
  unsigned sum = 0;
  for (const char c : bytes) sum += static_cast<unsigned char>(c);
  return (sum & 0xff) == 0;
}

std::string hex(std::size_t value) {
  char out[24];
  std::snprintf(out, sizeof out, "0x%zx", value);
  return out;
}

std::string at(std::size_t offset) { return "offset " + std::to_string(offset); }

Result<SmbiosEntryPoint> parseEntryPoint64(std::string_view bytes) {
  if (bytes.size() < kEntryPoint64) return makeError("_SM3_ entry point truncated: " + std::to_string(bytes.size()) + " bytes");
  const std::size_t length = static_cast<unsigned char>(bytes[6]);
  if (length < kEntryPoint64 || length > bytes.size()) {
    return makeError("_SM3_ entry point: length byte " + std::to_string(length) + " does not fit " +
                     std::to_string(bytes.size()) + " bytes");
  }
  if (!checksumIsZero(bytes.substr(0, length))) return makeError("_SM3_ entry point: bad checksum");
  SmbiosEntryPoint ep;
  ep.is_64bit = true;
  ep.version = {static_cast<unsigned char>(bytes[7]), static_cast<unsigned char>(bytes[8]),
                static_cast<unsigned char>(bytes[9])};
  ep.table_length = static_cast<std::uint32_t>(readLittleEndian(bytes, 12, 4));
  ep.table_address = readLittleEndian(bytes, 16, 8);
  return ep;
}

Result<SmbiosEntryPoint> parseEntryPoint32(std::string_view bytes) {
  if (bytes.size() < kMinEntryPoint32) return makeError("_SM_ entry point truncated: " + std::to_string(bytes.size()) + " bytes");
  const std::size_t length = static_cast<unsigned char>(bytes[5]);
  if (length < kMinEntryPoint32 || length > bytes.size()) {
    return makeError("_SM_ entry point: length byte " + std::to_string(length) + " does not fit " +
                     std::to_string(bytes.size()) + " bytes");
  }
  if (!checksumIsZero(bytes.substr(0, length))) return makeError("_SM_ entry point: bad checksum");
  if (bytes.substr(0x10, 5) != kIntermediateAnchor) return makeError("_SM_ entry point: no _DMI_ anchor at 0x10");
  if (!checksumIsZero(bytes.substr(0x10, 15))) return makeError("_SM_ entry point: bad _DMI_ checksum");
  SmbiosEntryPoint ep;
  ep.version = {static_cast<unsigned char>(bytes[6]), static_cast<unsigned char>(bytes[7]), 0};
  ep.table_length = static_cast<std::uint32_t>(readLittleEndian(bytes, 0x16, 2));
  ep.table_address = readLittleEndian(bytes, 0x18, 4);
  return ep;
}

// The string set that starts at `start`: strings up to the double NUL. Returns the
// offset just past it, or nullopt when it is not terminated inside the table.
std::optional<std::size_t> readStrings(std::string_view table, std::size_t start,
                                       std::vector<std::string>& strings) {
  if (start + 2 <= table.size() && table[start] == '\0' && table[start + 1] == '\0') return start + 2;
  std::size_t pos = start;
  while (pos < table.size()) {
    const auto end = table.find('\0', pos);
    if (end == std::string_view::npos) return std::nullopt;
    strings.emplace_back(table.substr(pos, end - pos));
    pos = end + 1;
    if (pos < table.size() && table[pos] == '\0') return pos + 1;
  }
  return std::nullopt;
}

bool onlyZeros(std::string_view bytes) { return bytes.find_first_not_of('\0') == std::string_view::npos; }

Result<SmbiosTable> withVersion(std::string_view table, SmbiosVersion version) {
  auto structures = parseSmbiosStructures(table);
  if (!structures) return makeError(structures.error());
  return SmbiosTable{version, std::move(*structures)};
}

// The table bytes an entry point describes inside `data` (which starts at the table).
Result<std::string_view> tableBytes(const SmbiosEntryPoint& ep, std::string_view data) {
  if (ep.is_64bit) return data.substr(0, std::min<std::size_t>(data.size(), ep.table_length));
  if (data.size() < ep.table_length) {
    return makeError("table truncated: " + std::to_string(data.size()) + " bytes, the entry point declares " +
                     std::to_string(ep.table_length));
  }
  return data.substr(0, ep.table_length);
}

}  // namespace

std::optional<std::uint8_t> SmbiosStructure::byteAt(std::size_t at) const {
  if (at >= formatted.size()) return std::nullopt;
  return static_cast<std::uint8_t>(formatted[at]);
}

std::optional<std::uint16_t> SmbiosStructure::wordAt(std::size_t at) const {
  if (at + 2 > formatted.size()) return std::nullopt;
  return static_cast<std::uint16_t>(readLittleEndian(formatted, at, 2));
}

std::optional<std::uint32_t> SmbiosStructure::dwordAt(std::size_t at) const {
  if (at + 4 > formatted.size()) return std::nullopt;
  return static_cast<std::uint32_t>(readLittleEndian(formatted, at, 4));
}

std::optional<std::string> SmbiosStructure::stringAt(std::size_t at) const {
  const auto index = byteAt(at);
  if (!index || *index == 0 || *index > strings.size()) return std::nullopt;
  return strings[*index - 1];
}

Result<SmbiosEntryPoint> parseSmbiosEntryPoint(std::string_view bytes) {
  if (bytes.substr(0, kAnchor64.size()) == kAnchor64) return parseEntryPoint64(bytes);
  if (bytes.substr(0, kAnchor32.size()) == kAnchor32) return parseEntryPoint32(bytes);
  return makeError("no SMBIOS entry point anchor (_SM_ or _SM3_) at offset 0");
}

Result<std::vector<SmbiosStructure>> parseSmbiosStructures(std::string_view table) {
  std::vector<SmbiosStructure> structures;
  std::size_t pos = 0;
  while (pos < table.size()) {
    if (onlyZeros(table.substr(pos))) break;
    if (structures.size() >= kMaxStructures) return makeError("more than 65536 structures");
    if (pos + kHeaderSize > table.size()) return makeError("structure header truncated at " + at(pos));
    SmbiosStructure s;
    s.type = static_cast<std::uint8_t>(table[pos]);
    const std::size_t length = static_cast<unsigned char>(table[pos + 1]);
    s.handle = static_cast<std::uint16_t>(readLittleEndian(table, pos + 2, 2));
    s.offset = pos;
    const std::string where = "structure at " + at(pos) + " (type " + std::to_string(s.type) +
                              ", handle " + hex(s.handle) + ")";
    if (length < kHeaderSize) return makeError(where + ": length " + std::to_string(length) + " is shorter than its 4-byte header");
    if (pos + length > table.size()) return makeError(where + ": length " + std::to_string(length) + " runs past the end of the table");
    s.formatted.assign(table.substr(pos, length));
    const auto next = readStrings(table, pos + length, s.strings);
    if (!next) return makeError(where + ": string set not terminated by a double NUL");
    pos = *next;
    const bool end = s.type == kSmbiosEndOfTable;
    structures.push_back(std::move(s));
    if (end) break;
  }
  if (structures.empty()) return makeError("table holds no structure");
  return structures;
}

Result<SmbiosTable> parseSysfsSmbios(std::string_view entry_point, std::string_view dmi) {
  const auto ep = parseSmbiosEntryPoint(entry_point);
  if (!ep) return makeError("smbios_entry_point: " + ep.error());
  const auto table = tableBytes(*ep, dmi);
  if (!table) return makeError("DMI: " + table.error());
  auto parsed = withVersion(*table, ep->version);
  if (!parsed) return makeError("DMI: " + parsed.error());
  return parsed;
}

Result<SmbiosTable> parseSmbiosDump(std::string_view file) {
  const auto ep = parseSmbiosEntryPoint(file);
  if (!ep) return makeError("dump: " + ep.error());
  if (ep->table_address > file.size()) {
    return makeError("dump: table offset " + std::to_string(ep->table_address) + " is past the end of the " +
                     std::to_string(file.size()) + "-byte file");
  }
  const auto table = tableBytes(*ep, file.substr(static_cast<std::size_t>(ep->table_address)));
  if (!table) return makeError("dump: " + table.error());
  auto parsed = withVersion(*table, ep->version);
  if (!parsed) return makeError("dump: " + parsed.error());
  return parsed;
}

Result<SmbiosTable> parseRawSmbiosData(std::string_view file) {
  if (file.size() < kRawSmbiosHeader) return makeError("RawSMBIOSData: header truncated");
  const auto length = readLittleEndian(file, 4, 4);
  if (length > file.size() - kRawSmbiosHeader) {
    return makeError("RawSMBIOSData: length " + std::to_string(length) + " runs past the end of the file");
  }
  const SmbiosVersion version{static_cast<unsigned char>(file[1]), static_cast<unsigned char>(file[2]),
                              static_cast<unsigned char>(file[3])};
  auto parsed = withVersion(file.substr(kRawSmbiosHeader, static_cast<std::size_t>(length)), version);
  if (!parsed) return makeError("RawSMBIOSData: " + parsed.error());
  return parsed;
}

Result<SmbiosTable> parseBareSmbiosTable(std::string_view table, SmbiosVersion assumed) {
  return withVersion(table, assumed);
}

}  // namespace parc::agent::collectors
