// libFuzzer target: the EDID parser (monitors, projectors, interactive panels) on
// untrusted bytes, and the display kind it leads to.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/edid.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parc::agent::collectors;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto edid = parseEdid(bytes);
  if (edid) {
    (void)displayKind(*edid, "HDMI-A-1");
    (void)displayKind(*edid, "eDP-1");
  }
  return 0;
}
