#pragma once
// PNP manufacturer ids (the 3 letters of an EDID) and the company names hwdata's
// pnp.ids gives them. The table is generated (scripts/gen-pnp-ids -> pnp_ids_table.cpp).

#include <optional>
#include <span>
#include <string_view>

namespace parc::agent::collectors {

struct PnpEntry {
  std::string_view code;
  std::string_view name;
};

// Every entry of pnp.ids, sorted by code.
std::span<const PnpEntry> pnpTable();

// "SEC" -> "Seiko Epson Corporation"; nullopt for a code pnp.ids does not list.
std::optional<std::string_view> pnpManufacturerName(std::string_view code);

}  // namespace parc::agent::collectors
