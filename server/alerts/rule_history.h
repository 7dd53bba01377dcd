#pragma once
// The short history the alert rules look back over, kept per agent so that the
// writer never decodes earlier reports' state JSON: the figures the rules read
// from earlier reports (SMART sector counts per disk, temperatures per sensor,
// whether each polled projector answered), newest report first.
//
// Pure values and a compact text encoding (no I/O). Runs of identical reports with
// consecutive sequence numbers are stored once, so the usual history of a healthy
// machine costs one entry on disk.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/report.h"
#include "shared/result.h"

namespace parc::server::alerts {

// The most earlier reports any rule setting can ask for (see historyLength in
// server/store/sqlite/sqlite_alert_eval.cpp: "N reports in a row" is capped at 20).
inline constexpr std::size_t kMaxRuleHistory = 19;

struct HistoryEntry {
  std::int64_t enrollment = 0;
  std::int64_t seq = 0;
  State state;  // only the fields slimForRules keeps
};

// Newest first: ordered by (enrollment, seq) descending, as the reports table.
using RuleHistory = std::vector<HistoryEntry>;

// The part of `state` the rules read from earlier reports: disks with SMART
// figures (name and sector counts), temperatures (label, celsius, critical), and
// projectors (address, reachable).
State slimForRules(const State& state);

// The first `count` entries whose seq differs from `seq` (the report being
// evaluated), newest first: what ComputerFacts::previous holds.
std::vector<State> previousStates(const RuleHistory& history, std::int64_t seq, std::size_t count);

// Adds `entry` in its place (replacing one with the same enrollment and seq) and
// keeps the newest `keep` entries.
void addToHistory(RuleHistory& history, HistoryEntry entry, std::size_t keep = kMaxRuleHistory);

std::string encodeRuleHistory(const RuleHistory& history);
// Refuses anything encodeRuleHistory did not write, naming the line and the reason.
Result<RuleHistory> decodeRuleHistory(std::string_view text);

}  // namespace parc::server::alerts
