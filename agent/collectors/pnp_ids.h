#pragma once
// PNP manufacturer ids (the 3 letters of an EDID) and the company names hwdata's
// pnp.ids gives them. The table is generated (scripts/gen-pnp-ids -> pnp_ids_table.cpp)
// as one blob of codes, one blob of names and where each name ends: no pointer per
// entry, so nothing to relocate when the agent starts.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace parc::agent::collectors {

struct PnpEntry {
  std::string_view code;
  std::string_view name;
};

class PnpTable {
 public:
  // `codes`: 3 letters per entry, sorted; `names`: every name back to back;
  // `name_ends`: where the name of entry i ends in `names`.
  constexpr PnpTable(std::string_view codes, std::string_view names,
                     std::span<const std::uint32_t> name_ends)
      : codes_(codes), names_(names), name_ends_(name_ends) {}

  std::size_t size() const { return name_ends_.size(); }
  std::string_view code(std::size_t i) const { return codes_.substr(3 * i, 3); }
  std::string_view name(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : name_ends_[i - 1];
    return names_.substr(begin, name_ends_[i] - begin);
  }
  PnpEntry operator[](std::size_t i) const { return {code(i), name(i)}; }

 private:
  std::string_view codes_;
  std::string_view names_;
  std::span<const std::uint32_t> name_ends_;
};

// Every entry of pnp.ids, sorted by code.
PnpTable pnpTable();

// "SEC" -> "Seiko Epson Corporation"; nullopt for a code pnp.ids does not list.
std::optional<std::string_view> pnpManufacturerName(std::string_view code);

}  // namespace parc::agent::collectors
