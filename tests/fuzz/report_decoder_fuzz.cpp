// libFuzzer target: the report decoder must refuse or accept any bytes without
// crashing, and whatever it accepts must survive an encode/decode round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "shared/report_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto report = parc::decodeReport(text);
  if (!report) return 0;
  const std::string encoded = parc::encodeReport(*report);
  auto again = parc::decodeReport(encoded);
  if (!again || parc::encodeReport(*again) != encoded) std::abort();
  return 0;
}
