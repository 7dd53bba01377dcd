// libFuzzer target: the reader of `smartctl --json --all` output and the failing-disk
// rule applied to what it gives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/smart_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parc::agent::collectors;
  const auto health = parseSmartctlJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (health) (void)smartLooksFailing(*health);
  return 0;
}
