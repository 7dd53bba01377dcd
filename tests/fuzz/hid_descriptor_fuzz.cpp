// libFuzzer target: the HID report descriptor reader that tells a whiteboard, pen or
// touch controller from other USB input devices.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/hid_descriptor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)parc::agent::collectors::hidDigitizerKind(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
