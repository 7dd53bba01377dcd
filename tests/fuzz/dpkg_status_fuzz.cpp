// libFuzzer target: the dpkg status database parser (installed packages).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/software.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)parc::agent::collectors::parseDpkgStatus(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
