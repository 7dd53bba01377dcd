#pragma once
// The device summary as every device route shows it (docs/dashboard-api.md).

#include <cstdint>
#include <nlohmann/json_fwd.hpp>

#include "server/store/store.h"

namespace parc::server {

// `current_year` gives age_years (absent when built_year is).
nlohmann::json deviceSummaryJson(const DeviceSummary& device, std::int64_t current_year);

std::int64_t currentYear(TimePoint now);

}  // namespace parc::server
