#pragma once
// The raw SMBIOS table as report fields: reads /sys/firmware/dmi/tables below an
// FsRoot, and maps the decoded structures to MemoryModule, SystemInfo fields and
// Battery. Placeholder strings become absent (cleanDmiValue, as for /sys/class/dmi/id).

#include <optional>
#include <vector>

#include "agent/collectors/fs_root.h"
#include "agent/collectors/smbios_decode.h"
#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent::collectors {

inline constexpr std::string_view kSmbiosEntryPointPath = "/sys/firmware/dmi/tables/smbios_entry_point";
inline constexpr std::string_view kSmbiosTablePath = "/sys/firmware/dmi/tables/DMI";

// nullopt when the machine exposes no table (either file absent); an error names the
// file and what is wrong with it.
std::optional<Result<SmbiosInfo>> readSmbios(const FsRoot& root);

// Installed type 17 devices; empty slots skipped.
std::vector<MemoryModule> memoryModulesFromSmbios(const SmbiosInfo& info);
// Fills the fields `system` lacks (never overwrites one). Skipped entirely when both
// name a manufacturer and they differ: the table is then not this machine's.
void fillSystemFromSmbios(const SmbiosInfo& info, SystemInfo& system);
// Type 22 records; name "smbios<N>" (N counts the type 22 structures from 0).
std::vector<Battery> batteriesFromSmbios(const SmbiosInfo& info);

}  // namespace parc::agent::collectors
