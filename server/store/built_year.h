#pragma once
// The year a device was made, as far as its reports tell: the year of a computer's
// BIOS date, or the year of manufacture a display writes in its EDID (a projector
// known only through the PC it is plugged into). Pure; nullopt when nothing usable.

#include "shared/report.h"

namespace parc::server {

inline constexpr std::int64_t kEarliestBuiltYear = 1980;
inline constexpr std::int64_t kLatestBuiltYear = 2100;

// "2022-06-07" (the agent's form) or "06/07/2022" (SMBIOS's raw form).
OptInt builtYearFromBiosDate(std::string_view date);
OptInt builtYearFromInventory(const Inventory& inventory);
OptInt builtYearFromDisplay(const Display& display);

}  // namespace parc::server
