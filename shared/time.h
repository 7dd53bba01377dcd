#pragma once
// Times on the wire are RFC 3339 UTC ("2026-11-23T08:00:03Z"); inside, they are
// std::chrono::sys_seconds. A Clock is passed to whatever needs "now", so tests
// can set it.

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc {

using TimePoint = std::chrono::sys_seconds;

std::string formatRfc3339(TimePoint t);
// Accepts "Z" or a numeric offset and an optional fraction (dropped).
Result<TimePoint> parseRfc3339(std::string_view text);

// "now" as a value to inject. The system clock by default.
using Clock = std::function<TimePoint()>;
TimePoint systemNow();

// Durations as people write them in configuration: "90s", "15m", "12h", "30d", "900".
Result<std::chrono::seconds> parseDuration(std::string_view text);

}  // namespace parc
