#pragma once
// Pure EDID decoder (VESA E-EDID 1.3/1.4 base block) and the display-kind rule.
// No I/O, no logging.
//
// A blob must hold at least the 128-byte base block with the fixed header. A bad
// base-block checksum is reported (checksum_ok = false) but the block is still
// decoded: the header already says it is an EDID, and the fields read here are
// plain bytes that a wrong checksum byte (often a firmware that patched one field
// without updating it) does not make unreadable; every text field is still checked
// to be printable. Extension blocks are counted, never needed: a blob of 129 bytes
// (a truncated extension) or 512 bytes (extensions, or a block repeated) decodes
// from its base block.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::agent::collectors {

inline constexpr std::size_t kEdidBlockSize = 128;

struct EdidInfo {
  std::string manufacturer_code;  // three letters, "SEC"
  std::uint16_t product_code = 0;
  std::optional<std::uint32_t> serial_number;  // the numeric one; absent when 0
  std::optional<std::string> serial_text;      // display descriptor 0xFF
  std::optional<std::string> name;             // display descriptor 0xFC
  std::optional<int> week;                     // 1..54; absent when unspecified or model year
  std::optional<int> year;                     // of manufacture, or model year (model_year)
  bool model_year = false;                     // week byte 0xFF: `year` is the model year
  std::optional<int> width_cm, height_cm;      // absent when undefined (projectors) or an aspect ratio
  int version = 0, revision = 0;               // 1, 3 for EDID 1.3
  bool digital = false;
  bool checksum_ok = false;
  int extension_count = 0;      // what the base block announces
  int extension_blocks_read = 0;  // whole 128-byte blocks present after it
};

// The decoded base block, or an error naming what is wrong (too short, bad header,
// manufacturer id out of range).
Result<EdidInfo> parseEdid(std::string_view bytes);

// "internal" for laptop panel connectors (eDP, LVDS, DSI), then "projector",
// "flat-panel" (interactive flat panels) or "monitor" from the name and manufacturer.
std::string displayKind(const EdidInfo& edid, std::string_view connector);

}  // namespace parc::agent::collectors
