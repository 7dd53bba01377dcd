#include "agent/collectors/pnp_ids.h"

namespace parc::agent::collectors {

std::optional<std::string_view> pnpManufacturerName(std::string_view code) {
  const PnpTable table = pnpTable();
  if (code.size() != 3) return std::nullopt;
  std::size_t low = 0, high = table.size();  // the answer is in [low, high)
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (table.code(middle) < code) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (low == table.size() || table.code(low) != code) return std::nullopt;
  return table.name(low);
}

}  // namespace parc::agent::collectors
