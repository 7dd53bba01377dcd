#pragma once
// What changes from one run of `parc-agent inventory` to the next, whatever the machine:
// the collection time, each collector's duration and the agent's own version. The
// golden files hold the report with these replaced by fixed markers.

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace parc::testing {

inline constexpr const char* kNormalisedMarker = "<normalised>";

// collected_at and agent.version become kNormalisedMarker, collectors[].ms becomes 0;
// state.uptime_s too, but only when `live` (on a captured root it is a file's value).
nlohmann::json normaliseReport(nlohmann::json report, bool live);

// The lines of `expected` and `actual` (both pretty-printed) that differ, at most
// `max_lines` of them, as "-expected" / "+actual" pairs with their line number; empty
// when they are equal.
std::string lineDiff(const std::string& expected, const std::string& actual, std::size_t max_lines = 20);

}  // namespace parc::testing
