#pragma once
// The year a computer was made, as far as its inventory tells: the year of its
// BIOS date. Pure; nullopt when the inventory has no usable BIOS date.

#include "shared/report.h"

namespace parc::server {

inline constexpr std::int64_t kEarliestBuiltYear = 1980;
inline constexpr std::int64_t kLatestBuiltYear = 2100;

// "2022-06-07" (the agent's form) or "06/07/2022" (SMBIOS's raw form).
OptInt builtYearFromBiosDate(std::string_view date);
OptInt builtYearFromInventory(const Inventory& inventory);

}  // namespace parc::server
