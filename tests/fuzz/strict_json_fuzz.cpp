// libFuzzer target: strict JSON parsing of untrusted bodies (depth, duplicates, UTF-8).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/strict_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = parc::parseStrictJson(text);
  if (parsed) (void)parsed->dump();
  return 0;
}
