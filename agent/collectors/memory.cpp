#include "agent/collectors/memory.h"

#include <string>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kMeminfoPath = "/proc/meminfo";

// "3742148 kB" -> 3831959552; a bare number is bytes (as for HugePages_* it is a count,
// but those lines are not read).
std::optional<std::int64_t> parseAmount(std::string_view text) {
  const auto fields = splitFields(text);
  if (fields.empty() || fields.size() > 2) return std::nullopt;
  const auto number = parseInt64(fields[0]);
  if (!number || *number < 0) return std::nullopt;
  if (fields.size() == 1) return number;
  if (toLower(fields[1]) != "kb") return std::nullopt;
  return multiplyChecked(*number, 1024);
}

}  // namespace

Memory parseMeminfo(std::string_view text) {
  Memory memory;
  for (const auto line : splitLines(text)) {
    const auto kv = splitKeyValue(line);
    if (!kv) continue;
    if (kv->first == "MemTotal" && !memory.total_bytes) memory.total_bytes = parseAmount(kv->second);
    if (kv->first == "SwapTotal" && !memory.swap_bytes) memory.swap_bytes = parseAmount(kv->second);
  }
  return memory;
}

CollectOutcome MemoryCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto text = root.readFile(kMeminfoPath);
  if (!text) return CollectOutcome::noData(std::string(kMeminfoPath) + ": absent or unreadable");
  Memory parsed = parseMeminfo(*text);
  if (!parsed.total_bytes || *parsed.total_bytes == 0) {
    return CollectOutcome::error(std::string(kMeminfoPath) + ": no valid MemTotal line");
  }
  snapshot.inventory.memory.total_bytes = parsed.total_bytes;
  snapshot.inventory.memory.swap_bytes = parsed.swap_bytes;
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
