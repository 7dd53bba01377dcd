#pragma once
// Parsing of untrusted JSON text: bounded nesting, duplicate keys refused,
// UTF-8 checked. The one entry point for every body an agent or a person sends.

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "shared/result.h"

namespace parc {

inline constexpr int kMaxJsonDepth = 64;

Result<nlohmann::json> parseStrictJson(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace parc
