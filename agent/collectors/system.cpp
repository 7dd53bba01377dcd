#include "agent/collectors/system.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "agent/collectors/smbios_inventory.h"
#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kDmiDir = "/sys/class/dmi/id";

constexpr auto kDmiAttributes = std::to_array<std::string_view>({
    "sys_vendor",     "product_name",  "product_version",   "product_serial", "product_uuid",
    "product_sku",    "product_family", "chassis_asset_tag", "chassis_type",  "bios_vendor",
    "bios_version",   "bios_date",     "board_vendor",      "board_name",     "board_version",
    "board_serial"});

// Compared case-insensitively with the trimmed value.
constexpr auto kPlaceholders = std::to_array<std::string_view>({
    "to be filled by o.e.m.", "to be filled by o.e.m", "default string", "system serial number",
    "system product name",    "system manufacturer",   "system version", "not specified",
    "not defined",            "not available",         "not applicable", "none",
    "n/a",                    "na",                    "unknown",        "no asset tag",
    "asset tag",              "asset-1234567890",      "chassis serial number",
    "base board serial number", "chassis version",      "type1productconfigid",
    "oem",                    "o.e.m.",                "invalid",        "empty",
    "serial number",          "0123456789",            "1234567890",     "xxxxxxxxxxxx"});

constexpr auto kPlaceholderUuids = std::to_array<std::string_view>({
    "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "03000200-0400-0500-0006-000700080009"});

struct VirtualMarker {
  std::string_view vendor, product;  // empty: any
};
constexpr auto kVirtualMarkers = std::to_array<VirtualMarker>({
    {"qemu", ""}, {"", "kvm"}, {"vmware", ""}, {"", "vmware"}, {"innotek", ""},
    {"", "virtualbox"}, {"xen", ""}, {"", "hvm domu"}, {"parallels", ""}, {"bochs", ""},
    {"microsoft corporation", "virtual machine"}, {"", "bhyve"}, {"", "openstack"},
});

// Only separators and zeros: "--", "0000000000000000", "........".
bool isFiller(std::string_view text) {
  for (const char c : text) {
    if (c != '0' && c != '-' && c != '.' && c != ' ' && c != '_' && c != '*' && c != '#') return false;
  }
  return true;
}

std::optional<std::string> value(const DmiValues& values, std::string_view key) {
  const auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return cleanDmiValue(it->second);
}

std::optional<Bios> parseBios(const DmiValues& values) {
  Bios bios;
  bios.vendor = value(values, "bios_vendor");
  bios.version = value(values, "bios_version");
  if (const auto date = value(values, "bios_date")) bios.date = normaliseBiosDate(*date);
  if (!bios.vendor && !bios.version && !bios.date) return std::nullopt;
  return bios;
}

std::optional<Baseboard> parseBaseboard(const DmiValues& values) {
  Baseboard board;
  board.manufacturer = value(values, "board_vendor");
  board.product = value(values, "board_name");
  board.version = value(values, "board_version");
  board.serial = value(values, "board_serial");
  if (!board.manufacturer && !board.product && !board.version && !board.serial) return std::nullopt;
  return board;
}

std::optional<std::string> parseChassis(const DmiValues& values, const SystemInfo& system) {
  if (looksVirtual(system.manufacturer.value_or(""), system.model.value_or(""))) return "vm";
  const auto it = values.find("chassis_type");
  if (it == values.end()) return std::nullopt;
  const auto code = parseInt64(it->second);
  return code ? chassisFromType(*code) : std::nullopt;
}

// Lenovo puts the machine type in product_name ("20L5CTO1WW") and the name people
// know in product_version ("ThinkPad T480").
void applyLenovoNaming(SystemInfo& system) {
  if (!system.manufacturer || toLower(*system.manufacturer) != "lenovo") return;
  if (!system.version || !system.model || *system.version == *system.model) return;
  std::swap(system.model, system.version);
}

bool isEmpty(const SystemInfo& s) {
  return !s.manufacturer && !s.model && !s.version && !s.serial && !s.uuid && !s.sku &&
         !s.family && !s.asset_tag && !s.chassis && !s.bios && !s.baseboard;
}

}  // namespace

std::optional<std::string> cleanDmiValue(std::string_view raw) {
  const std::string_view text = trim(raw);
  if (text.empty() || !isCleanText(text) || isFiller(text)) return std::nullopt;
  const std::string lower = toLower(text);
  for (const auto placeholder : kPlaceholders) {
    if (lower == placeholder) return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> chassisFromType(std::int64_t smbios_type) {
  switch (smbios_type & 0x7f) {  // bit 7 is the chassis lock flag
    case 1: case 12: case 18: case 19: case 20: case 21: case 22: case 26: case 27: case 29:
    case 33:
      return "other";
    case 3: case 4: case 5: case 6: case 7: case 15: case 16: case 24:
      return "desktop";
    case 8: case 9: case 10: case 14:
      return "laptop";
    case 11: case 30:
      return "tablet";
    case 31: case 32:
      return "convertible";
    case 13:
      return "all-in-one";
    case 17: case 23: case 25: case 28:
      return "server";
    case 34: case 35: case 36:
      return "mini-pc";
    default:
      return std::nullopt;  // 2 = unknown, and codes SMBIOS does not define
  }
}

bool looksVirtual(std::string_view vendor, std::string_view product) {
  const std::string v = toLower(vendor);
  const std::string p = toLower(product);
  for (const auto& marker : kVirtualMarkers) {
    const bool vendor_ok = marker.vendor.empty() || v.find(marker.vendor) != std::string::npos;
    const bool product_ok = marker.product.empty() || p.find(marker.product) != std::string::npos;
    const bool said_something = !marker.vendor.empty() ? !v.empty() : !p.empty();
    if (vendor_ok && product_ok && said_something) return true;
  }
  return false;
}

std::optional<std::string> normaliseBiosDate(std::string_view raw) {
  const std::string_view text = trim(raw);
  const auto first = text.find('/');
  const auto second = text.find('/', first == std::string_view::npos ? 0 : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  const auto month = parseInt64(text.substr(0, first));
  const auto day = parseInt64(text.substr(first + 1, second - first - 1));
  const std::string_view year_text = text.substr(second + 1);
  auto year = parseInt64(year_text);
  if (!month || !day || !year || (year_text.size() != 2 && year_text.size() != 4)) return std::nullopt;
  if (year_text.size() == 2) *year += *year < 70 ? 2000 : 1900;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *year < 1980 || *year > 2199) {
    return std::nullopt;
  }
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", static_cast<int>(*year), static_cast<int>(*month),
                static_cast<int>(*day));
  return std::string(out);
}

std::optional<std::string> normaliseUuid(std::string_view raw) {
  const std::string uuid = toLower(trim(raw));
  if (uuid.size() != 36) return std::nullopt;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_here ? uuid[i] != '-' : !std::isxdigit(static_cast<unsigned char>(uuid[i]))) {
      return std::nullopt;
    }
  }
  for (const auto placeholder : kPlaceholderUuids) {
    if (uuid == placeholder) return std::nullopt;
  }
  return uuid;
}

SystemInfo parseDmi(const DmiValues& values) {
  SystemInfo system;
  system.manufacturer = value(values, "sys_vendor");
  system.model = value(values, "product_name");
  system.version = value(values, "product_version");
  system.serial = value(values, "product_serial");
  if (const auto uuid = value(values, "product_uuid")) system.uuid = normaliseUuid(*uuid);
  system.sku = value(values, "product_sku");
  system.family = value(values, "product_family");
  system.asset_tag = value(values, "chassis_asset_tag");
  system.chassis = parseChassis(values, system);
  applyLenovoNaming(system);
  system.bios = parseBios(values);
  system.baseboard = parseBaseboard(values);
  return system;
}

CollectOutcome SystemCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  DmiValues values;
  for (const auto attribute : kDmiAttributes) {
    const std::string path = std::string(kDmiDir) + "/" + std::string(attribute);
    if (auto text = root.readAttribute(path)) values.emplace(std::string(attribute), std::move(*text));
  }
  SystemInfo system = parseDmi(values);
  // The raw table adds what /sys/class/dmi/id lacks, and the memory modules; a broken
  // table is reported in the run's detail and the DMI values stand alone.
  std::string smbios_problem;
  if (const auto smbios = readSmbios(root); smbios && smbios->ok()) {
    fillSystemFromSmbios(**smbios, system);
    snapshot.inventory.memory.modules = memoryModulesFromSmbios(**smbios);
  } else if (smbios) {
    smbios_problem = smbios->error();
  }
  if (isEmpty(system)) {
    const std::string why = root.exists(kDmiDir) ? ": no usable value (unreadable or placeholders)" : ": absent";
    return CollectOutcome::noData(std::string(kDmiDir) + why + (smbios_problem.empty() ? "" : "; " + smbios_problem));
  }
  snapshot.inventory.system = std::move(system);
  CollectOutcome outcome = CollectOutcome::ok();
  outcome.detail = std::move(smbios_problem);
  return outcome;
}

}  // namespace parc::agent::collectors
