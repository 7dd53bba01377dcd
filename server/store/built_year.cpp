#include "server/store/built_year.h"

#include <algorithm>
#include <cctype>

namespace parc::server {
namespace {

bool allDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

OptInt yearOf(std::string_view digits) {
  if (digits.size() != 4 || !allDigits(digits)) return std::nullopt;
  std::int64_t year = 0;
  for (char c : digits) year = year * 10 + (c - '0');
  if (year < kEarliestBuiltYear || year > kLatestBuiltYear) return std::nullopt;
  return year;
}

}  // namespace

OptInt builtYearFromBiosDate(std::string_view date) {
  if (date.size() == 10 && date[4] == '-' && date[7] == '-') return yearOf(date.substr(0, 4));
  if (date.size() == 10 && date[2] == '/' && date[5] == '/') return yearOf(date.substr(6, 4));
  return std::nullopt;
}

OptInt builtYearFromInventory(const Inventory& inventory) {
  const auto& bios = inventory.system.bios;
  if (!bios || !bios->date) return std::nullopt;
  return builtYearFromBiosDate(*bios->date);
}

OptInt builtYearFromDisplay(const Display& display) {
  if (!display.year || *display.year < kEarliestBuiltYear || *display.year > kLatestBuiltYear) return std::nullopt;
  return display.year;
}

}  // namespace parc::server
