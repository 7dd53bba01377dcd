// libFuzzer target: the small text parsers of /proc and /etc, all on the same input:
// cpuinfo, meminfo, os-release, hostname, mounts, mountinfo and mount escapes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/collectors/cpu.h"
#include "agent/collectors/memory.h"
#include "agent/collectors/mounts.h"
#include "agent/collectors/os.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parc::agent::collectors;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)parseCpuinfo(text);
  (void)nominalMhz(text);
  (void)parseMeminfo(text);
  (void)parseOsRelease(text);
  (void)parseHostname(text);
  (void)timezoneFromLink(text);
  (void)parseMounts(text);
  (void)parseMountinfo(text);
  (void)decodeMountEscapes(text);
  return 0;
}
