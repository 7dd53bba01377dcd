// libFuzzer target: the raw SMBIOS table readers (sysfs entry point + table, dmidecode
// dump, bare table) and the decoder behind them, on untrusted bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/smbios_decode.h"
#include "agent/collectors/smbios_inventory.h"
#include "agent/collectors/smbios_table.h"

namespace {

void decode(const parc::Result<parc::agent::collectors::SmbiosTable>& table) {
  using namespace parc::agent::collectors;
  if (!table) return;
  const SmbiosInfo info = decodeSmbios(*table);
  (void)memoryModulesFromSmbios(info);
  (void)batteriesFromSmbios(info);
  parc::SystemInfo system;
  fillSystemFromSmbios(info, system);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parc::agent::collectors;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  decode(parseSmbiosDump(bytes));
  decode(parseRawSmbiosData(bytes));
  decode(parseBareSmbiosTable(bytes, SmbiosVersion{3, 2}));
  // The first byte says how long the entry point is; the rest is the table.
  if (!bytes.empty()) {
    const std::size_t split = std::min<std::size_t>(static_cast<unsigned char>(bytes[0]) % 40, bytes.size() - 1);
    decode(parseSysfsSmbios(bytes.substr(1, split), bytes.substr(1 + split)));
  }
  return 0;
}
