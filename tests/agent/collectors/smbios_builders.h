#pragma once
// Builders for the SMBIOS tests: entry points around a real table (with correct
// checksums, so a test can break exactly one thing) and single structures.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parc::agent::testing {

inline void putLittleEndian(std::string& bytes, std::size_t at, std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

inline void fixChecksum(std::string& bytes, std::size_t from, std::size_t length, std::size_t checksum_at) {
  bytes[checksum_at] = 0;
  unsigned sum = 0;
  for (std::size_t i = from; i < from + length; ++i) sum += static_cast<unsigned char>(bytes[i]);
  bytes[checksum_at] = static_cast<char>((0x100 - (sum & 0xff)) & 0xff);
}

// A 64-bit "_SM3_" entry point naming `table_length` bytes at `address`.
inline std::string entryPoint64(int major, int minor, int docrev, std::uint32_t table_length,
                                std::uint64_t address = 0) {
  std::string ep(0x18, '\0');
  ep.replace(0, 5, "_SM3_");
  ep[6] = 0x18;
  ep[7] = static_cast<char>(major);
  ep[8] = static_cast<char>(minor);
  ep[9] = static_cast<char>(docrev);
  ep[10] = 1;  // entry point revision
  putLittleEndian(ep, 12, table_length, 4);
  putLittleEndian(ep, 16, address, 8);
  fixChecksum(ep, 0, 0x18, 5);
  return ep;
}

// A 32-bit "_SM_" entry point with its "_DMI_" intermediate part.
inline std::string entryPoint32(int major, int minor, std::uint16_t table_length, std::uint16_t count,
                                std::uint32_t address = 0) {
  std::string ep(0x1f, '\0');
  ep.replace(0, 4, "_SM_");
  ep[5] = 0x1f;
  ep[6] = static_cast<char>(major);
  ep[7] = static_cast<char>(minor);
  ep.replace(0x10, 5, "_DMI_");
  putLittleEndian(ep, 0x16, table_length, 2);
  putLittleEndian(ep, 0x18, address, 4);
  putLittleEndian(ep, 0x1c, count, 2);
  ep[0x1e] = static_cast<char>((major << 4) | minor);
  fixChecksum(ep, 0x10, 15, 0x15);
  fixChecksum(ep, 0, 0x1f, 4);
  return ep;
}

// One structure: formatted bytes (header included; its length byte is set here) then strings.
inline std::string structure(std::string formatted, const std::vector<std::string>& strings) {
  formatted[1] = static_cast<char>(formatted.size());
  std::string out = formatted;
  for (const auto& s : strings) out += s + std::string(1, '\0');
  out += strings.empty() ? std::string(2, '\0') : std::string(1, '\0');
  return out;
}

inline std::string endOfTable(std::uint16_t handle = 0xfeff) {
  std::string s(4, '\0');
  s[0] = 127;
  putLittleEndian(s, 2, handle, 2);
  return structure(s, {});
}

}  // namespace parc::agent::testing
