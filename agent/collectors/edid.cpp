#include "agent/collectors/edid.h"

#include <array>
#include <cctype>
#include <span>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::array<unsigned char, 8> kHeader = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
constexpr std::size_t kDescriptorOffsets[] = {54, 72, 90, 108};
constexpr std::size_t kDescriptorSize = 18;
constexpr unsigned char kTagSerial = 0xFF;
constexpr unsigned char kTagName = 0xFC;

// Makers whose displays, when they give no fixed size, are projectors (pnp.ids names
// in the comments; every one but BNQ, which pnp.ids lacks, has a fixture projector).
constexpr std::string_view kProjectorMakers[] = {
    "ACR",  // Acer Technologies (edid/glpi-agent/projector-acer-*)
    "BNQ",  // BenQ (edid/linuxhw/projector-benq-pj-BNQ4102)
    "CAS",  // CASIO COMPUTER CO.,LTD (projector-casio-pj-CAS8049)
    "HTC",  // Hitachi Ltd (projector-hitachi-HTC6645)
    "IFS",  // In Focus Systems Inc (projector-infocus-IFS00B0)
    "MAT", "MDO", "MEI",  // Panasonic (pnp.ids)
    "MXL",  // Hitachi Maxell, Ltd. (projector-maxell-MXL6786)
    "NEC",  // NEC Corporation
    "OTM",  // Optoma Corporation (projector-optoma-wxga-OTM0550)
    "SBI",  // SMART Technologies Inc. (projector-smart-*-SBI00xx)
    "SEC",  // Seiko Epson Corporation, not Samsung (projector-epson-pj-*-SECAxxx)
    "VSC",  // ViewSonic Corporation (projector-viewsonic-pjd7820hd-VSC6D2C)
};
// Seiko Epson's displays are its projectors, whatever size they announce.
constexpr std::string_view kAlwaysProjector = "SEC";

// Interactive flat panel makers.
constexpr std::string_view kFlatPanelMakers[] = {
    "HHT",  // Hitevision Group (pnp.ids)
    "IWB",  // SMART Board interactive display "SMART MONITOR" (ifp-iwb-smart-monitor-IWB0000)
    "NLE",  // Newline, as its panels write it (ifp-newline-NLE0032)
    "NWL",  // Newline Interactive Inc. (pnp.ids)
    "PRW",  // Promethean ActivPanel (ifp-promethean-ap7-*-PRW*)
};

constexpr std::string_view kInternalConnectors[] = {"eDP", "LVDS", "DSI"};

unsigned byteAt(std::string_view bytes, std::size_t i) { return static_cast<unsigned char>(bytes[i]); }

bool hasHeader(std::string_view bytes) {
  for (std::size_t i = 0; i < kHeader.size(); ++i) {
    if (byteAt(bytes, i) != kHeader[i]) return false;
  }
  return true;
}

bool checksumOk(std::string_view block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kEdidBlockSize; ++i) sum += byteAt(block, i);
  return (sum & 0xFF) == 0;
}

// Three letters packed in five bits each, 1 = 'A'; nullopt when one is out of range.
std::optional<std::string> manufacturerCode(unsigned high, unsigned low) {
  const unsigned packed = (high << 8) | low;
  std::string code;
  for (const int shift : {10, 5, 0}) {
    const unsigned letter = (packed >> shift) & 0x1F;
    if (letter < 1 || letter > 26) return std::nullopt;
    code.push_back(static_cast<char>('A' + letter - 1));
  }
  return code;
}

// Descriptor text: up to 13 bytes ending at a line feed, padded with spaces. nullopt
// when empty or holding anything but printable ASCII.
std::optional<std::string> descriptorText(std::string_view descriptor) {
  std::string_view text = descriptor.substr(5, 13);
  if (const auto end = text.find('\n'); end != std::string_view::npos) text = text.substr(0, end);
  text = trim(text);
  if (text.empty()) return std::nullopt;
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return std::nullopt;
  }
  return std::string(text);
}

void readDescriptors(std::string_view base, EdidInfo& info) {
  for (const auto offset : kDescriptorOffsets) {
    const auto descriptor = base.substr(offset, kDescriptorSize);
    if (byteAt(descriptor, 0) != 0 || byteAt(descriptor, 1) != 0 || byteAt(descriptor, 2) != 0) continue;
    const unsigned tag = byteAt(descriptor, 3);
    if (tag == kTagName && !info.name) info.name = descriptorText(descriptor);
    if (tag == kTagSerial && !info.serial_text) info.serial_text = descriptorText(descriptor);
  }
}

void readDate(std::string_view base, EdidInfo& info) {
  const unsigned week = byteAt(base, 16);
  const unsigned year_byte = byteAt(base, 17);
  // EDID 1.4 reserves year bytes below 0x10; an all-zero date is "not given".
  const bool reserved = (info.version == 1 && info.revision >= 4 && year_byte < 0x10) ||
                        (week == 0 && year_byte == 0);
  if (!reserved) info.year = 1990 + static_cast<int>(year_byte);
  if (week == 0xFF) {
    info.model_year = true;
  } else if (week >= 1 && week <= 54) {
    info.week = static_cast<int>(week);
  }
}

void readSize(std::string_view base, EdidInfo& info) {
  const unsigned width = byteAt(base, 21);
  const unsigned height = byteAt(base, 22);
  if (width == 0 || height == 0) return;  // undefined, or an aspect ratio (EDID 1.4)
  info.width_cm = static_cast<int>(width);
  info.height_cm = static_cast<int>(height);
}

bool isListed(std::string_view code, std::span<const std::string_view> list) {
  for (const auto entry : list) {
    if (entry == code) return true;
  }
  return false;
}

// "PJ" as a word of the name ("EPSON PJ", "CASIO-PJ") or starting one ("PJD7820HD").
bool nameSaysProjector(std::string_view name) {
  if (containsIgnoreCase(name, "projector")) return true;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = start;
    while (end < name.size() && std::isalnum(static_cast<unsigned char>(name[end]))) ++end;
    if (end > start && startsWith(toLower(name.substr(start, end - start)), "pj")) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

Result<EdidInfo> parseEdid(std::string_view bytes) {
  if (bytes.size() < kEdidBlockSize) {
    return makeError("EDID: " + std::to_string(bytes.size()) + " bytes, shorter than a 128-byte block");
  }
  if (!hasHeader(bytes)) return makeError("EDID: no 00 FF FF FF FF FF FF 00 header");
  const std::string_view base = bytes.substr(0, kEdidBlockSize);
  EdidInfo info;
  auto code = manufacturerCode(byteAt(base, 8), byteAt(base, 9));
  if (!code) return makeError("EDID: manufacturer id bytes out of the A-Z range");
  info.manufacturer_code = std::move(*code);
  info.product_code = static_cast<std::uint16_t>(byteAt(base, 10) | (byteAt(base, 11) << 8));
  const std::uint32_t serial = byteAt(base, 12) | (byteAt(base, 13) << 8) | (byteAt(base, 14) << 16) |
                               (static_cast<std::uint32_t>(byteAt(base, 15)) << 24);
  if (serial != 0) info.serial_number = serial;
  info.version = static_cast<int>(byteAt(base, 18));
  info.revision = static_cast<int>(byteAt(base, 19));
  info.digital = (byteAt(base, 20) & 0x80) != 0;
  readDate(base, info);
  readSize(base, info);
  readDescriptors(base, info);
  info.checksum_ok = checksumOk(base);
  info.extension_count = static_cast<int>(byteAt(base, 126));
  info.extension_blocks_read = static_cast<int>((bytes.size() - kEdidBlockSize) / kEdidBlockSize);
  return info;
}

std::string displayKind(const EdidInfo& edid, std::string_view connector) {
  for (const auto prefix : kInternalConnectors) {
    if (startsWith(connector, prefix)) return "internal";
  }
  const std::string_view name = edid.name ? std::string_view(*edid.name) : std::string_view();
  const bool no_size = !edid.width_cm;
  if (edid.manufacturer_code == kAlwaysProjector || nameSaysProjector(name) ||
      (no_size && isListed(edid.manufacturer_code, kProjectorMakers))) {
    return "projector";
  }
  if (isListed(edid.manufacturer_code, kFlatPanelMakers)) return "flat-panel";
  return "monitor";
}

}  // namespace parc::agent::collectors
