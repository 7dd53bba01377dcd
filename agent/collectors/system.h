#pragma once
// system: /sys/class/dmi/id/* -> inventory.system (maker, model, serial, UUID,
// chassis, BIOS, baseboard).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// Attribute name ("sys_vendor") -> raw content, as read from /sys/class/dmi/id.
using DmiValues = std::map<std::string, std::string, std::less<>>;

// The value, trimmed, or nullopt for vendor placeholders ("To be filled by O.E.M.",
// "Not Specified", "None", all zeros...), empty text and text that is not clean UTF-8.
std::optional<std::string> cleanDmiValue(std::string_view raw);
// SMBIOS chassis type code -> desktop, laptop, tablet, convertible, all-in-one,
// mini-pc, server or other; nullopt for "unknown" and codes out of range.
std::optional<std::string> chassisFromType(std::int64_t smbios_type);
// True for the strings hypervisors put in sys_vendor / product_name.
bool looksVirtual(std::string_view vendor, std::string_view product);
// "06/03/2020" -> "2020-06-03"; nullopt when it is not a real MM/DD/YYYY (or MM/DD/YY) date.
std::optional<std::string> normaliseBiosDate(std::string_view raw);
// Lowercase 8-4-4-4-12 hex; nullopt for malformed and well-known placeholder UUIDs.
std::optional<std::string> normaliseUuid(std::string_view raw);

SystemInfo parseDmi(const DmiValues& values);

class SystemCollector final : public Collector {
 public:
  std::string_view name() const override { return "system"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;
};

}  // namespace parc::agent::collectors
