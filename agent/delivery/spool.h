#pragma once
// The agent's durable queue of report bodies, one file per report in a directory
// (/var/lib/parc-agent/spool by default, given by the caller).
//
// Crash safety (SIGKILL or power loss at any point):
//  - push: temp file, fsync, rename to the final name, fsync the directory, and only
//    then return. A crash before the rename leaves a temp file (deleted at open); the
//    report was never reported as pushed, so nothing acknowledged to the caller is lost.
//  - remove: unlink, fsync the directory; called only after the server acknowledged.
//    A crash between the ack and the unlink resends the report once; the server answers
//    a replayed seq with the same ack and changes nothing (at-least-once delivery).
//  - reject: one rename into rejected/: the file is in exactly one of the two places.
//  - the size bound drops old reports after the new one is safely written, so a failed
//    push never costs an older report.
// A Spool is owned by one thread; it is not synchronised.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/delivery/rejected_area.h"
#include "shared/logging.h"
#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent {

// Sized for a 7-day outage at the default 15-minute interval (672 state reports and a
// few full inventories) with a wide margin.
struct SpoolLimits {
  std::uint64_t max_bytes = 64ULL * 1024 * 1024;
  std::size_t max_files = 2000;
  std::size_t rejected_keep = 20;  // reports kept in rejected/ for inspection
};

struct SpoolEntry {
  std::uint64_t seq = 0;
  ReportKind kind = ReportKind::kState;
  std::filesystem::path path;
  std::uint64_t size = 0;
};

struct SpoolStats {
  std::size_t count = 0;
  std::uint64_t bytes = 0;
  std::uint64_t dropped_state_reports = 0;  // persisted across restarts
  std::uint64_t dropped_full_reports = 0;   // persisted across restarts
};

class Spool {
 public:
  // Creates the directory if needed. Deletes unfinished writes and moves files whose
  // names do not parse to rejected/, so the spool always reopens.
  static Result<Spool> open(std::filesystem::path dir, SpoolLimits limits = {},
                            Logger logger = nullptr);

  // Durable when it returns ok. A seq already in the spool is refused. When the bound
  // would be exceeded, the oldest state reports are dropped first, then older full
  // reports, never the newest full report; a report that cannot fit even then is refused.
  Status push(std::uint64_t seq, ReportKind kind, std::string_view body);

  // In seq order.
  std::vector<SpoolEntry> pending() const;
  // The bytes as written (a body damaged on disk is returned as it is; the server will
  // refuse it and it ends in rejected/).
  Result<std::string> read(const SpoolEntry& entry) const;
  // After the server acknowledged the report.
  Status remove(const SpoolEntry& entry);
  // The server refused the report: moved to rejected/ with `reason`, never sent again.
  Status reject(const SpoolEntry& entry, std::string_view reason);

  SpoolStats stats() const;
  std::optional<std::uint64_t> highestSeq() const;
  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& rejectedDir() const { return rejected_.dir(); }

 private:
  Spool(std::filesystem::path dir, SpoolLimits limits, Logger logger, RejectedArea rejected);
  Status scan();
  Status adopt(const std::filesystem::directory_entry& file);
  Result<std::vector<std::uint64_t>> planDrops(std::uint64_t seq, ReportKind kind,
                                               std::uint64_t size) const;
  void drop(const std::vector<std::uint64_t>& seqs);
  void loadCounters();
  void saveCounters();
  std::optional<std::uint64_t> newestFull(std::uint64_t seq, ReportKind kind) const;

  std::filesystem::path dir_;
  SpoolLimits limits_;
  Logger logger_;
  RejectedArea rejected_;
  std::map<std::uint64_t, SpoolEntry> entries_;
  std::uint64_t bytes_ = 0;
  std::uint64_t dropped_state_ = 0;
  std::uint64_t dropped_full_ = 0;
};

}  // namespace parc::agent
