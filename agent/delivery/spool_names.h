#pragma once
// File names inside the spool directory. A report is "<seq, 20 digits>-<kind>.json",
// so a plain listing sorted by name is in seq order. Names starting with kTempPrefix
// are unfinished writes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/report.h"

namespace parc::agent {

inline constexpr std::string_view kTempPrefix = ".tmp-";
inline constexpr std::string_view kRejectedDirName = "rejected";
inline constexpr std::string_view kCountersFileName = "counters";
inline constexpr std::string_view kReasonSuffix = ".reason";

struct EntryName {
  std::uint64_t seq = 0;
  ReportKind kind = ReportKind::kState;
};

std::string_view kindName(ReportKind kind);
std::string entryFileName(std::uint64_t seq, ReportKind kind);
std::optional<EntryName> parseEntryFileName(std::string_view name);

// "<number, 20 digits>-<rest>" as used in rejected/; nullopt when `name` has no such prefix.
std::string numberedName(std::uint64_t number, std::string_view rest);
std::optional<std::uint64_t> parseNumberPrefix(std::string_view name);

}  // namespace parc::agent
