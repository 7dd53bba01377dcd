#include "agent/collectors/displays.h"

#include "agent/collectors/pnp_ids.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kDrmDir = "/sys/class/drm";
constexpr std::size_t kMaxEdidBytes = 32 * 1024;  // 256 blocks, the most an EDID can announce
// All four serial bytes 01: a placeholder many panels ship, not a serial number.
constexpr std::uint32_t kPlaceholderSerial = 0x01010101;

std::optional<std::string> serialOf(const EdidInfo& edid) {
  if (edid.serial_text) return edid.serial_text;
  if (edid.serial_number && *edid.serial_number != kPlaceholderSerial) {
    return std::to_string(*edid.serial_number);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> drmConnectorName(std::string_view entry) {
  if (!startsWith(entry, "card")) return std::nullopt;
  std::size_t i = 4;
  while (i < entry.size() && entry[i] >= '0' && entry[i] <= '9') ++i;
  if (i == 4 || i + 1 >= entry.size() || entry[i] != '-') return std::nullopt;
  return std::string(entry.substr(i + 1));
}

Display toDisplay(const EdidInfo& edid, std::string_view connector) {
  Display display;
  if (!connector.empty()) display.connector = std::string(connector);
  display.manufacturer_code = edid.manufacturer_code;
  if (const auto name = pnpManufacturerName(edid.manufacturer_code)) display.manufacturer = std::string(*name);
  display.model = edid.name;
  display.serial = serialOf(edid);
  display.product_code = edid.product_code;
  if (edid.year) display.year = *edid.year;
  if (edid.week) display.week = *edid.week;
  if (edid.width_cm) display.width_cm = *edid.width_cm;
  if (edid.height_cm) display.height_cm = *edid.height_cm;
  display.kind = displayKind(edid, connector);
  if (edid.model_year) display.extra["model_year"] = "true";
  if (!edid.checksum_ok) display.extra["edid_checksum_ok"] = "false";
  return display;
}

CollectOutcome DisplaysCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto entries = root.list(kDrmDir);
  if (entries.empty()) return CollectOutcome::noData("no " + std::string(kDrmDir));
  std::vector<Display> displays;
  std::string undecoded;
  for (const auto& entry : entries) {
    const auto connector = drmConnectorName(entry);
    if (!connector) continue;
    const std::string path = std::string(kDrmDir) + "/" + entry + "/edid";
    const auto blob = root.readFile(path, kMaxEdidBytes);
    if (!blob || blob->empty()) continue;
    const auto edid = parseEdid(*blob);
    if (!edid) {
      undecoded += (undecoded.empty() ? "" : "; ") + path + ": " + edid.error();
      continue;
    }
    displays.push_back(toDisplay(*edid, *connector));
  }
  if (displays.empty()) {
    if (!undecoded.empty()) return CollectOutcome::error(undecoded);
    return CollectOutcome::noData("no connected display with an EDID under " + std::string(kDrmDir));
  }
  snapshot.inventory.displays = std::move(displays);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
