#include "agent/collectors/pnp_ids.h"

#include <algorithm>

namespace parc::agent::collectors {

std::optional<std::string_view> pnpManufacturerName(std::string_view code) {
  const auto table = pnpTable();
  const auto it = std::lower_bound(table.begin(), table.end(), code,
                                   [](const PnpEntry& entry, std::string_view key) { return entry.code < key; });
  if (it == table.end() || it->code != code) return std::nullopt;
  return it->name;
}

}  // namespace parc::agent::collectors
