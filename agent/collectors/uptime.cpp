#include "agent/collectors/uptime.h"

#include <string>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kUptimePath = "/proc/uptime";
constexpr double kMaxUptimeSeconds = 1e11;  // three thousand years

}  // namespace

std::optional<std::int64_t> parseUptime(std::string_view text) {
  const auto fields = splitFields(text);
  if (fields.empty() || fields.size() > 2) return std::nullopt;
  const auto seconds = parseDouble(fields[0]);
  if (!seconds || *seconds < 0 || *seconds > kMaxUptimeSeconds) return std::nullopt;
  return static_cast<std::int64_t>(*seconds);
}

CollectOutcome UptimeCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto text = root.readFile(kUptimePath, 4096);
  if (!text) return CollectOutcome::noData(std::string(kUptimePath) + ": absent or unreadable");
  const auto seconds = parseUptime(*text);
  if (!seconds) return CollectOutcome::error(std::string(kUptimePath) + ": not \"<seconds> <idle seconds>\"");
  snapshot.state.uptime_s = seconds;
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
